import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In production the API serves this build on its own origin, so the SPA always calls relative
// `/api/...` URLs. In development the Vite server stands in for that origin and forwards /api.
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';
const devPort = Number(process.env.WEB_PORT ?? 5173);
const devOrigins = new Set([`http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`]);

export default defineConfig({
  plugins: [react()],
  server: {
    port: devPort,
    strictPort: true,
    proxy: {
      '/api': {
        target: apiUrl,
        configure: (proxy) => {
          // The API accepts state-changing requests only from its own origin. Requests from this
          // dev server's page are same-origin in production, so present them as such; any other
          // origin is passed through unchanged and still refused.
          proxy.on('proxyReq', (proxyReq, req) => {
            if (devOrigins.has(req.headers.origin ?? '')) proxyReq.setHeader('origin', apiUrl);
          });
        },
      },
    },
  },
});
