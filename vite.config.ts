import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressPlugin } from './scripts/precompress.mjs';
import { bootScriptPlugin } from './scripts/boot-script.mjs';
import { APP_ROUTES, MAIN_LAYOUT, PORTAL_ROUTES } from './src/web/route-table';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * Writes .vite/chunks.json in the output: for each JS chunk, the npm packages it contains.
 * bench/pages.ts uses it to check what each page loads (no pro-components or ECharts on sign-in).
 */
function chunkPackages(): Plugin {
  return {
    name: 'kechuang-chunk-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const packages = new Set<string>();
        for (const id of output.moduleIds) {
          const at = id.lastIndexOf('node_modules');
          const match = at < 0 ? null : /^node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id.slice(at));
          packages.add(match ? match[1].replace('\\', '/') : 'app');
        }
        chunks[output.fileName] = [...packages].sort();
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 1) });
    },
  };
}

// The web app lives in src/web (index.html included) and is built into dist/web,
// which the server serves with an SPA fallback.
export default defineConfig({
  root,
  base: '/',
  // precompress: .br and .gz of every asset, served by the server to browsers that accept them
  // boot script: the signed-in user and the opened page's files requested before the app has run
  plugins: [
    react(),
    chunkPackages(),
    bootScriptPlugin({ root, appRoutes: APP_ROUTES, portalRoutes: PORTAL_ROUTES, layout: MAIN_LAYOUT }),
    precompressPlugin(),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // Chunks follow the routes (every page is a React.lazy import, so is the signed-in layout):
    // the sign-in page loads React, the router and the few antd components it shows; pro-components
    // comes with the signed-in layout and ECharts only with the pages that draw charts. No vendor
    // groups by package: one "vendor-antd" group put all of antd and pro-components on every page,
    // and splitting pro-components out of it made two chunks import each other (crash at load).
    // The one group below takes whole dependency trees (includeDependenciesRecursively), so it
    // imports no other chunk of ours and cannot form such a cycle.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What the first page needs, in one file instead of ~25 (HTTP/1.1 fetches 6 at a time):
            // the sign-in page, its frame and their dependencies (React, the router, i18n and the antd
            // components they use). Everything else still splits by route.
            {
              name: 'sign-in',
              test: /src[\\/]web[\\/](pages[\\/]login[\\/]|components[\\/](AuthShell|Logo|LanguageSwitch|rules)\.)/,
            },
          ],
        },
      },
    },
  },
});
