/** @module @clearance/law — pure: statute catalogue, statute pack and office policies. */

export * from "./catalogue/index.ts";
export * from "./gogen/matchers.ts";
export * from "./policies/index.ts";
export * from "./policy-file/index.ts";
export * from "./statute/index.ts";
