/** @module generate — seeded synthetic CA DOJ research files for tests, demos and benchmarks. */
export {
  FIRST_SUBJECT_ID,
  type GenerateDojOptions,
  type GenerateDojSummary,
  generateDojPersons,
  generateDojRows,
  LAST_GENERATED_DATE,
} from "./generate.ts";
export { type WriteDojFileOptions, type WriteDojFileResult, writeDojFile } from "./write.ts";
