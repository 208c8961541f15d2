/** Texts of the meetings feature, in Chinese. The English twin in ../en/meetings.ts has the same keys. */
export const meetings = {};
