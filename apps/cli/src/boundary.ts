/**
 * @module boundary — maps errors to exit codes. 0 ok, 1 bad usage or configuration (including a file or
 * folder that cannot be read or written: the message names it and says why), 2 input rejected in strict
 * mode, 3 internal error (a bug).
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
    const fsMessage = fileSystemMessage(err);
    if (fsMessage !== undefined) {
      process.stderr.write(`clearance: ${fsMessage}\n`);
      process.exitCode = 1;
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

/** What the user can fix, by the system's error code. */
const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a file is in the way where a folder is needed",
  EISDIR: "it is a folder, not a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EEXIST: "it already exists",
  EMFILE: "too many files are open",
  ENAMETOOLONG: "the name is too long",
};

/** What each system call was doing, in words. */
const FS_ACTIONS: Readonly<Record<string, string>> = {
  mkdir: "create the folder",
  open: "open",
  write: "write",
  rename: "rename",
  unlink: "remove",
  rmdir: "remove the folder",
  read: "read",
  stat: "read",
  lstat: "read",
  scandir: "list the folder",
};

/**
 * The message for a file-system error the user can fix (a folder missing or in the way, permissions, a
 * full disk), naming the path; undefined for anything else.
 */
export function fileSystemMessage(err: unknown): string | undefined {
  const e = err as { code?: unknown; path?: unknown; dest?: unknown; syscall?: unknown };
  if (typeof e?.code !== "string" || typeof e.path !== "string") return undefined;
  const reason = FS_REASONS[e.code];
  if (reason === undefined) return undefined;
  const action = (typeof e.syscall === "string" && FS_ACTIONS[e.syscall]) || "use";
  const dest = typeof e.dest === "string" ? ` to ${e.dest}` : "";
  return `cannot ${action} ${e.path}${dest}: ${reason} (${e.code})`;
}
