import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Built into dist/ and served by @clearance/server. No external assets; no inline scripts (strict CSP).
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
});
