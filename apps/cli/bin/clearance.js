#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx clearance` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
