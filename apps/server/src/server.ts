/**
 * @module server — starts the web app on 127.0.0.1 with a fresh random token, and stops it cleanly.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@clearance/store";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { type RunBulk, tidyInterruptedRun } from "./run-manager.ts";

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port?: number;
  /** Data folder: the SQLite file, uploads and run folders. Created if missing. */
  readonly dataDir: string;
  /** Upload size limit in bytes (default 2 GiB). */
  readonly maxUploadBytes?: number;
  /** Built web app; defaults to apps/web/dist. */
  readonly webDir?: string;
  /** Office profile JSON for documents (see @clearance/documents); documents are off without it. */
  readonly officeProfile?: string;
  /** Replaces the pipeline's `runBulk` (tests of the shell only). */
  readonly runBulk?: RunBulk;
}

/** A running server. `url` carries the token; `close` stops runs, the listener and the store. */
export interface RunningServer {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** The built web app inside the repository (apps/web/dist). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Loads the pipeline's `runBulk` on first use (keeps server start-up light). */
export async function loadRunBulk(): Promise<RunBulk> {
  const { runBulk } = await import("@clearance/pipeline");
  return runBulk;
}

function currentUser(): string {
  try {
    return userInfo().username || "local user";
  } catch {
    return "local user";
  }
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  mkdirSync(join(o.dataDir, "uploads"), { recursive: true });
  mkdirSync(join(o.dataDir, "runs"), { recursive: true });
  const store = openStore(join(o.dataDir, "clearance.sqlite"));
  // Runs the last server process was killed during: record it, and remove their unfinished files.
  for (const run of store.markInterrupted(currentUser())) await tidyInterruptedRun(run.outDir);
  const token = randomBytes(24).toString("base64url");
  const { app, runs } = createApp({
    store,
    dataDir: o.dataDir,
    token,
    maxUploadBytes: o.maxUploadBytes ?? 2 * 1024 ** 3,
    webDir: o.webDir ?? DEFAULT_WEB_DIR,
    runBulk: o.runBulk ? async () => o.runBulk! : loadRunBulk,
    user: currentUser(),
    ...(o.officeProfile ? { officeProfile: o.officeProfile } : {}),
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (res, rej) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: o.port ?? 0 }, (info: AddressInfo) =>
        res({ server: s, port: info.port }),
      );
      s.once("error", rej);
    },
  );
  store.audit(undefined, currentUser(), "server-started", { port });
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      await runs.stopAll();
      await new Promise<void>((res) => {
        server.close(() => res());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      store.close();
    },
  };
}
