/**
 * @module commands — the list of sub-commands. Add one import and one line per command.
 */
import type { Command } from "@commander-js/extra-typings";
import { registerDocuments } from "./documents.ts";
import { registerExplain } from "./explain.ts";
import { registerGenerate } from "./generate.ts";
import { registerRapsheet } from "./rapsheet.ts";
import { registerRules } from "./rules.ts";
import { registerRun } from "./run.ts";
import { registerServe } from "./serve.ts";

// biome-ignore lint/suspicious/noExplicitAny: commander's typed Command generics differ per command
type Program = Command<any, any, any>;

/** Registers every sub-command on the program. */
export function registerCommands(program: Program): void {
  registerRun(program);
  registerDocuments(program);
  registerGenerate(program);
  registerRapsheet(program);
  registerRules(program);
  registerExplain(program);
  registerServe(program);
}
