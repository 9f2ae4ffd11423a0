import { defineConfig } from "vite";

// The built files are served by `twinning serve` from web/dist; in
// development, /api is proxied to a local server.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
