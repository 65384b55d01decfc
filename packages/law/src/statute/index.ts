/** @module statute — the Prop 64 statute pack: rules as data, evaluator, messages, guide. */

export * from "./compare.ts";
export * from "./evaluate.ts";
export * from "./guide.ts";
export * from "./messages.ts";
export * from "./predicates.ts";
export * from "./rules.ts";
export type * from "./types.ts";
