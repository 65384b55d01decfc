/**
 * @module testing — helpers for the CLI's tests: run the real `clearance` binary and collect its exit
 * code and output.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The `clearance` entry point, as `npx clearance` runs it. */
export const BIN = fileURLToPath(new URL("../bin/clearance.js", import.meta.url));

/** Runs `clearance ARGS…` with this Node and returns the exit code, stdout and stderr (never throws on exit codes). */
export async function cli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A file under the shared reference folder beside the repository (../shared). */
export function shared(rel: string): string {
  return fileURLToPath(new URL(`../../../../shared/${rel}`, import.meta.url));
}

/**
 * Arguments of `clearance run` on one of the original tool's fixtures with its own settings (county
 * SACRAMENTO, the fixture options, compute-at 2019-11-11), writing to `out`.
 */
export function fixtureRunArgs(out: string, input = "configurable_flow_input.csv"): string[] {
  return [
    "run",
    "--input",
    shared(`fixtures/gogen/${input}`),
    "--county",
    "SACRAMENTO",
    "--policy",
    shared("fixtures/gogen/configurable_flow_options.json"),
    "--compute-at",
    "2019-11-11",
    "--out",
    out,
  ];
}
