/** @module @clearance/store — SQLite (better-sqlite3, WAL) store for runs, review, overrides and audit. */
export { MIGRATIONS, migrate } from "./migrations.ts";
export type { NewRun, OverrideInput, ReviewFacets, RunCharts, StoreOptions } from "./store.ts";
export { COUNT_CAP, openStore, Store } from "./store.ts";
export type * from "./types.ts";
