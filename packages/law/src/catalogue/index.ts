/** @module catalogue — the statute catalogue: Prop 64 sections, super strikes, PC 290(c), related charges. */
export * from "./offence-match.ts";
export * from "./pc290.ts";
export * from "./prop64-offences.ts";
export * from "./related-charges.ts";
export * from "./super-strikes.ts";
