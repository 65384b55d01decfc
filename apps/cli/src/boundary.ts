/**
 * @module boundary — maps errors to exit codes. 0 ok, 1 bad usage or configuration, 2 input rejected
 * in strict mode, 3 internal error (a bug).
 */
import type { Command } from "@commander-js/extra-typings";

/** A deliberate exit with a message for the user (no stack trace). */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses argv and runs the chosen command, turning errors into messages and exit codes. */
export async function runCli(
  program: Command<unknown[], Record<string, unknown>>,
  argv: string[],
): Promise<void> {
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (typeof e.code === "string" && e.code.startsWith("commander.")) {
      // commander already printed help or the usage error.
      const helpish =
        e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help";
      process.exitCode = helpish ? 0 : 1;
      return;
    }
    if (err instanceof ExitError) {
      process.stderr.write(`clearance: ${err.message}\n`);
      process.exitCode = err.code;
      return;
    }
    process.stderr.write(
      `clearance: internal error (this is a bug; please report it with the command you ran)\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    process.exitCode = 3;
  }
}
