/** @module @clearance/documents — court filings, per-person documents, lists and reports from a run folder. */

export { benchmarkExhibit, type ExhibitBenchResult } from "./bench.ts";
export {
  type FieldMap,
  FieldMapSchema,
  type FillResult,
  fillAcroForm,
  formValues,
  type LoadedForm,
  loadFieldMap,
  loadForm,
} from "./fill-form.ts";
export {
  DOCUMENT_KINDS,
  type DocumentKind,
  type GenerateDocumentsOptions,
  type GenerateDocumentsResult,
  type GeneratedDocument,
  generateDocuments,
} from "./generate.ts";
export { DocumentInputError } from "./input-error.ts";
export {
  loadOfficeProfile,
  type OfficeProfile,
  type OfficeProfileResult,
  OfficeProfileSchema,
  parseOfficeProfile,
  sameCounty,
} from "./office.ts";
export {
  loadOverrides,
  OVERRIDE_DETERMINATIONS,
  type Override,
  type OverrideMap,
  type ResultLine,
  RunFolderError,
  type RunSummary,
  readResults,
  readRunSummary,
} from "./run-folder.ts";
