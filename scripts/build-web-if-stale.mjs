#!/usr/bin/env node
// Builds the web app (vite build → dist/web, or KECHUANG_WEB_DIR) only when it is missing or older
// than its sources. `npm start` runs it (after checking the port); prints one line saying what it did.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// the directory the server serves (KECHUANG_WEB_DIR, default dist/web)
const webDir = resolve(repo, process.env.KECHUANG_WEB_DIR ?? join('dist', 'web'));
const output = join(webDir, 'index.html');
const shown = webDir.startsWith(repo + '/') ? webDir.slice(repo.length + 1) : webDir;
const sources = ['src/web', 'src/domain', 'vite.config.ts', 'scripts/boot-script.mjs', 'scripts/precompress.mjs', 'package-lock.json'].map((p) => join(repo, p));

/** Newest modification time (ms) under a file or directory, with the path that has it. */
function newest(path) {
  if (!existsSync(path)) return { time: 0, path };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { time: stat.mtimeMs, path };
  let best = { time: 0, path };
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    if (/\.test\.tsx?$/.test(entry)) continue;
    const found = newest(join(path, entry));
    if (found.time > best.time) best = found;
  }
  return best;
}

function reason() {
  if (!existsSync(output)) return `${shown}/index.html is missing`;
  const builtAt = statSync(output).mtimeMs;
  for (const source of sources) {
    const found = newest(source);
    if (found.time > builtAt) return `${found.path.slice(repo.length + 1)} is newer than the build`;
  }
  return null;
}

const why = reason();
if (!why) {
  console.log(`web: ${shown} is up to date, build skipped`);
  process.exit(0);
}
const started = Date.now();
const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error', '--outDir', webDir], { cwd: repo, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`web: vite build failed (${why})`);
  process.exit(result.status ?? 1);
}
console.log(`web: built ${shown} in ${((Date.now() - started) / 1000).toFixed(1)} s (${why})`);
