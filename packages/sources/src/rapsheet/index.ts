/** @module rapsheet — CA rap sheet reader: text → parsed sheet → canonical model and convictions. */
export * from "./clean.ts";
export * from "./convictions.ts";
export * from "./courthouses.ts";
export * from "./parse.ts";
export * from "./sentence.ts";
export type * from "./types.ts";
