// Vitest global setup: build the CLI bundle once before test files spawn `clearance` in parallel.
import { buildCli } from "../apps/cli/build.mjs";

export default async function setup() {
  await buildCli();
}
