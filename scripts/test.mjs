#!/usr/bin/env node
// The whole suite: unit and HTTP tests (on PGlite, and on PostgreSQL when TEST_DATABASE_URL is
// set), process-level tests, then the browser tests in Debian's chromium when it is installed.
// E2E_REQUIRED=1 (set by .ci/run) turns a missing browser into a failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(full);
    return /\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const totals = { pass: 0, fail: 0, skipped: 0 };

function run(label, files, extraEnv = {}, concurrency = 2) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label}: ${files.length} file(s) ===`);
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, '--test-timeout=1200000', ...files], {
      env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); tail = (tail + chunk.toString()).slice(-4000); });
    child.on('exit', (code) => {
      const count = (name) => Number(tail.match(new RegExp(`ℹ ${name} (\\d+)`))?.[1] ?? 0);
      totals.pass += count('pass');
      totals.fail += count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0);
      totals.skipped += count('skipped');
      resolve(code ?? 1);
    });
  });
}

const only = process.argv.slice(2);
const serverTests = findTests('src').filter((f) => !only.length || only.some((o) => f.includes(o)));
const e2eTests = findTests('e2e').filter((f) => !only.length || only.some((o) => f.includes(o)));

let failed = false;
if (serverTests.length) failed = (await run('unit and HTTP tests', serverTests)) !== 0 || failed;

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (e2eTests.length) {
  if (!fs.existsSync(chromium)) {
    console.log(`\nSKIPPED the browser suite (${e2eTests.length} file(s)): chromium not found at ${chromium}.`);
    console.log('Install it with: sudo apt-get install -y chromium fonts-noto-cjk   (or set CHROMIUM_PATH)');
    if (process.env.E2E_REQUIRED === '1') {
      console.log('E2E_REQUIRED=1: a missing browser fails the run.');
      failed = true;
      totals.fail += 1;
    }
  } else {
    const build = spawn(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
    const buildCode = await new Promise((r) => build.on('exit', r));
    if (buildCode !== 0) { failed = true; totals.fail += 1; }
    // one browser suite at a time: each starts its own server with the whole demo region
    else failed = (await run('browser tests (chromium)', e2eTests, { CHROMIUM_PATH: chromium }, 1)) !== 0 || failed;
  }
}

console.log(`\ntests: ${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
