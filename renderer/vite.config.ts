// Builds the studio renderer into renderer/dist: one HTML page, hashed assets, Monaco and its editor
// worker bundled locally (never a CDN). Relative asset URLs let the same build load from
// `llmspell studio` over HTTP and from Electron's file/app protocol.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Monaco is one big chunk by nature; it loads lazily after the first paint.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
