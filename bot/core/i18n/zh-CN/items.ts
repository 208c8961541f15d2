/** Texts of the items feature, in Chinese. The English twin in ../en/items.ts has the same keys. */
export const items = {};
