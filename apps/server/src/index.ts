/** @module @clearance/server — the local web app's HTTP server (Hono, 127.0.0.1 only, per-launch token). */
export { type AppOptions, CSP, createApp } from "./app.ts";
export { exportBundle } from "./export-bundle.ts";
export type { LiveState, PolicyChoice, RunBulk } from "./run-manager.ts";
export {
  DEFAULT_WEB_DIR,
  loadRunBulk,
  type RunningServer,
  type ServerOptions,
  startServer,
} from "./server.ts";
