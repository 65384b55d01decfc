/** @module pdf — text extraction from text-layer PDFs. */
export * from "./extract.ts";
