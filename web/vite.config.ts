// The web app's build and dev server. In development Vite serves the app and
// passes the API's paths through to it, so the browser sees one origin and the
// session cookie and CSRF checks work as in production, where the API serves
// web/dist itself.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const apiUrl = process.env.KITH_API_URL ?? 'http://127.0.0.1:8080';

/** Paths the API answers; everything else is the app. */
const API_PATHS = [
  '/v1',
  '/media',
  '/.well-known',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
];

export default defineConfig({
  plugins: [solid()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(API_PATHS.map((prefix) => [prefix, { target: apiUrl }])),
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
});
