/** @module @clearance/law — pure: statute catalogue, statute pack and office policies. */
export * from "./gogen/matchers.ts";
export * from "./policies/index.ts";
export * from "./statute/index.ts";
export * from "./catalogue/index.ts";
