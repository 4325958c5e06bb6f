/// <reference types="vitest/config" />
// Vite configuration of the Dandelion web UI. Run from the repository root:
//   npm run build  -> web/dist/ (index.html + hashed assets), served by the server
//   npm run dev    -> dev server, proxying the API to a local `dandelion serve`
import { defineConfig } from 'vite';

// Node's process, typed here so that the UI's tsconfig needs no @types/node.
declare const process: { env: Record<string, string | undefined> };

const webRoot = new URL('.', import.meta.url).pathname;
// `dandelion serve` listens on 8080 by default; DANDELION_API=http://127.0.0.1:18080 npm run dev for another.
const apiTarget = process.env['DANDELION_API'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: webRoot,
  base: '/',
  // Keep Vite's and Vitest's caches in the root node_modules (ignored by git), not web/node_modules.
  cacheDir: '../node_modules/.vite',
  // JSX through Vite's own Oxc transform, with Preact's automatic runtime (no plugin needed).
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline styles or fonts from data: URLs; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/metrics': apiTarget,
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
