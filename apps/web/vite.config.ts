import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // The bundle-size test reads the manifest to find what the first page load needs.
    manifest: true,
    // /assets/<sha256> is where the server serves generated images and clips.
    assetsDir: 'static',
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    // `pnpm dev` expects the API server on its default port.
    proxy: {
      '/trpc': 'http://127.0.0.1:8787',
      '/assets': 'http://127.0.0.1:8787',
      '/auth': 'http://127.0.0.1:8787',
      '/healthz': 'http://127.0.0.1:8787',
    },
  },
});
