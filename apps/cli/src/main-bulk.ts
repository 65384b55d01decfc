/**
 * @module cli/main-bulk — a slim entry with only the bulk commands (`run`, `generate`), so the
 * performance-critical paths start without loading PDF, database or web libraries. The bin shim picks
 * it for those two commands; `main.ts` has every command.
 */
import { Command } from "@commander-js/extra-typings";
import { runCli } from "./boundary.ts";
import { registerGenerate } from "./commands/generate.ts";
import { registerRun } from "./commands/run.ts";

const program = new Command("clearance")
  .description("Find, decide and file Prop 64 record clearance, on your own machine.")
  .version("0.1.0")
  .showHelpAfterError();

registerRun(program);
registerGenerate(program);
await runCli(program, process.argv);
