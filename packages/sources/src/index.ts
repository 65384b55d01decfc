export * from "./compact.ts";
export * from "./doj/index.ts";
export * from "./generate/index.ts";
export * from "./pdf/index.ts";
export * from "./rapsheet/index.ts";
