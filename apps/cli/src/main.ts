/**
 * @module cli — the `clearance` command. Each sub-command lives in `commands/<name>.ts` and registers
 * itself here; this file is the single top-level error boundary (exit codes in README).
 */
import { Command } from "@commander-js/extra-typings";
import { runCli } from "./boundary.ts";
import { registerCommands } from "./commands/index.ts";

const program = new Command("clearance")
  .description("Find, decide and file Prop 64 record clearance, on your own machine.")
  .version("0.1.0")
  .showHelpAfterError();

registerCommands(program);
await runCli(program, process.argv);
