/**
 * @module commands/serve — `clearance serve`: the local web app on 127.0.0.1 with a per-launch token.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_WEB_DIR, startServer } from "@clearance/server";
import { Command } from "@commander-js/extra-typings";
import { ExitError } from "../boundary.ts";

/** Parses a TCP port (0 = any free port). */
export function parsePort(text: string): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n > 65535)
    throw new ExitError(1, `--port must be 0-65535, got "${text}"`);
  return n;
}

/** Parses `--max-upload-mb`: a positive number of megabytes. */
export function parseMegabytes(text: string): number {
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n <= 0)
    throw new ExitError(1, `--max-upload-mb must be a positive number, got "${text}"`);
  return Math.floor(n * 1024 * 1024);
}

/** Registers `serve`. */
// biome-ignore lint/suspicious/noExplicitAny: commander generics
export function registerServe(program: Command<any, any, any>): void {
  program.addCommand(
    new Command("serve")
      .description(
        "Start the local web app (127.0.0.1 only; open the printed address, which holds the token).",
      )
      .option("-p, --port <port>", "TCP port (0 = any free port)", "7464")
      .option(
        "-d, --data <dir>",
        "data folder: database, uploads and run folders",
        join(homedir(), ".clearance"),
      )
      .option("--max-upload-mb <mb>", "largest DOJ file accepted, in MB", "2048")
      .option("--office <file>", "office profile JSON (letterhead, court, attorney) to generate documents")
      .option("--web <dir>", "built web app folder (default: apps/web/dist)")
      .action(async (opts) => {
        const webDir = opts.web ? resolve(opts.web) : DEFAULT_WEB_DIR;
        const server = await startServer({
          port: parsePort(opts.port),
          dataDir: resolve(opts.data),
          maxUploadBytes: parseMegabytes(opts.maxUploadMb),
          webDir,
          ...(opts.office ? { officeProfile: resolve(opts.office) } : {}),
        }).catch((err: NodeJS.ErrnoException) => {
          if (err.code === "EADDRINUSE") throw new ExitError(1, `port ${opts.port} is in use; try --port 0`);
          throw err;
        });
        process.stdout.write(`Clearance is running at ${server.url}\n`);
        process.stdout.write(`Data folder: ${resolve(opts.data)}\n`);
        if (!existsSync(join(webDir, "index.html"))) {
          process.stdout.write(
            "The web app is not built yet: run `npx vite build` in apps/web (or `npm run app`).\n",
          );
        }
        process.stdout.write("Press Ctrl+C to stop.\n");
        await new Promise<void>((res) => {
          const stop = () => {
            process.off("SIGINT", stop);
            process.off("SIGTERM", stop);
            void server.close().then(res);
          };
          process.on("SIGINT", stop);
          process.on("SIGTERM", stop);
        });
      }),
  );
}
