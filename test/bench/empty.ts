/** Cold-start baseline: the cost of starting Node with tsx on a script that does nothing. */
export {};
