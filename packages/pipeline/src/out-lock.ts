/**
 * @module out-lock — one run at a time in an output folder. A lock file there names the process that
 * is writing; a second run refuses (ConfigError) instead of removing the first run's unfinished files and
 * leaving a folder that mixes two bundles. A lock left by a process that no longer runs (killed, or
 * stopped at once by a second Ctrl-C) is taken over.
 */
import { open, readdir, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { ConfigError } from "./policy-spec.ts";

/** The lock file's name in the output folder (removed when the run ends, whatever the outcome). */
export const LOCK_NAME = ".clearance-run.lock";

/** A held lock. */
export interface OutLock {
  release(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
}

/** Whether a process with this id runs on this machine (signal 0 only asks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function holderOf(path: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(path, "utf8")) as Partial<Holder>;
    return typeof h.pid === "number" && typeof h.host === "string" ? { pid: h.pid, host: h.host } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the output folder's lock, or fails naming the run that holds it. */
export async function lockOutDir(dir: string): Promise<OutLock> {
  const path = join(dir, LOCK_NAME);
  for (;;) {
    try {
      const file = await open(path, "wx");
      try {
        await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      } finally {
        await file.close();
      }
      return { release: () => rm(path, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = await holderOf(path);
    if (holder !== undefined && holder.host === hostname() && !running(holder.pid)) {
      // Left by a run that was killed: take it over.
      await rm(path, { force: true });
      continue;
    }
    const who =
      holder === undefined
        ? "another run"
        : holder.host === hostname()
          ? `another run (process ${holder.pid})`
          : `another run (process ${holder.pid} on ${holder.host})`;
    throw new ConfigError(
      `${dir} is being written by ${who}: wait for it to finish or choose another --out folder ` +
        `(if no run is writing there, remove ${path})`,
    );
  }
}

/**
 * Removes what killed runs left in `dir`: outputs under their temporary `.partial` names, and a lock no
 * running process on this machine holds (a lock of this run, or of a run on another machine, stays).
 * `clearance run` calls it once it holds the folder's lock; the web app for the folder of a run its
 * killed server left behind. Finished files are kept. Returns the names removed, sorted.
 */
export async function removeLeftovers(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const gone: string[] = [];
  for (const name of names.sort()) {
    if (name === LOCK_NAME) {
      const holder = await holderOf(join(dir, name));
      if (holder !== undefined && (holder.host !== hostname() || running(holder.pid))) continue;
    } else if (!name.endsWith(".partial")) continue;
    await rm(join(dir, name), { force: true });
    gone.push(name);
  }
  return gone;
}
