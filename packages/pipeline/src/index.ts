/** @module @clearance/pipeline — use cases shared by the CLI and the web server. */
export * from "./evaluate-file.ts";
export { LOCK_NAME, removeLeftovers } from "./out-lock.ts";
export * from "./policy-spec.ts";
export * from "./rapsheet-input.ts";
export * from "./rapsheet-report.ts";
export * from "./run-bulk.ts";
