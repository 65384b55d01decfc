/** @module doj — the CA DOJ bulk research file. */
export * from "./columns.ts";
export * from "./csv-scanner.ts";
export * from "./reader.ts";
export * from "./subjects.ts";
