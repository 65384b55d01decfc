/** @module @clearance/outputs — compatible CSV writers, summaries, manifests. */
export * from "./csv.ts";
export * from "./digests.ts";
export * from "./gogen.ts";
export * from "./record-writer.ts";
