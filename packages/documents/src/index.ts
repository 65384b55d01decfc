/** @module @clearance/documents — court filings, per-person documents, lists and reports from a run folder. */
export {
  DOCUMENT_KINDS,
  type DocumentKind,
  type GenerateDocumentsOptions,
  type GenerateDocumentsResult,
  type GeneratedDocument,
  generateDocuments,
} from "./generate.ts";
export {
  loadOfficeProfile,
  type OfficeProfile,
  type OfficeProfileResult,
  OfficeProfileSchema,
  parseOfficeProfile,
} from "./office.ts";
export { type Override, type OverrideMap, RunFolderError } from "./run-folder.ts";
