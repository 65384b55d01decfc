export * from "./doj/index.ts";
export * from "./generate/index.ts";
export * from "./rapsheet/index.ts";
