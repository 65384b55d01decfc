/** @module @clearance/core — pure domain: model, dates, code sections. No I/O, no clock. */
export * from "./code-section.ts";
export * from "./counties.ts";
export * from "./date.ts";
export type * from "./model.ts";
