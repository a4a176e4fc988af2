// Writes NAME.br and NAME.gz next to every compressible file of a built web app (vite build runs
// it on dist/web; the server sends them to browsers that accept them, @fastify/static preCompressed).
// node:zlib only: brotli at quality 11 and gzip at level 9, done once at build time.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|xml|ico|wasm)$/i;
/** Smaller files gain nothing worth a second request header's bytes. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (COMPRESSIBLE.test(entry.name)) yield full;
  }
}

/**
 * Compresses every compressible file of `dir` (recursively) that is at least 1 KB, keeping a
 * variant only when it is smaller than the original. Returns the totals.
 */
export async function precompressDir(dir) {
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  const work = [];
  for (const file of files(dir)) {
    const data = fs.readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    work.push((async () => {
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(data, { level: 9 }),
      ]);
      totals.files++;
      totals.bytes += data.length;
      if (br.length < data.length) { fs.writeFileSync(`${file}.br`, br); totals.br += br.length; }
      if (gz.length < data.length) { fs.writeFileSync(`${file}.gz`, gz); totals.gz += gz.length; }
    })());
  }
  await Promise.all(work);
  return totals;
}

/** A vite plugin: precompresses the output directory once the bundle is written. */
export function precompressPlugin() {
  let outDir = '';
  return {
    name: 'kechuang-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    async closeBundle() {
      const t = await precompressDir(outDir);
      const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
      console.log(`precompressed ${t.files} files: ${kb(t.bytes)} → brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
    },
  };
}

// `node scripts/precompress.mjs DIR` compresses an existing build.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const dir = process.argv[2] ?? 'dist/web';
  console.log(await precompressDir(dir));
}
