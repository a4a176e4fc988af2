/**
 * ExcelJS, with its XML reading fixed for Chinese text. Import ExcelJS from here, never from
 * 'exceljs' directly.
 *
 * ExcelJS 4.4.0 decodes each decompressed chunk of a sheet's XML to a string on its own
 * (lib/utils/parse-sax.js), so a character whose UTF-8 bytes straddle two chunks becomes
 * "��" (exceljs issues #2063, #2084, #2316; fixes proposed, unreleased). Measured here: 1 of
 * 30,000 imported enterprise rows read 高新技术领域 "电子信息" as "���子信息". We put a parse-sax
 * that decodes the stream as a stream into Node's module cache before ExcelJS loads.
 */
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const parseSaxPath = path.join(path.dirname(require.resolve('exceljs/package.json')), 'lib/utils/parse-sax.js');
const fromExcelJs = createRequire(parseSaxPath);
const { SaxesParser } = fromExcelJs('saxes') as typeof import('saxes');
const { PassThrough } = fromExcelJs('readable-stream') as typeof import('node:stream');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(iterable: any): AsyncGenerator<SaxEvent[]> {
  if (iterable.pipe && !iterable[Symbol.asyncIterator]) iterable = iterable.pipe(new PassThrough());
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e: Error) => { error = e; });
  parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    // stream: true keeps an incomplete multi-byte sequence for the next chunk
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
if (!cache[parseSaxPath]) {
  const patched = new Module(parseSaxPath) as Module & { filename: string; loaded: boolean; exports: unknown };
  patched.filename = parseSaxPath;
  patched.loaded = true;
  patched.exports = parseSax;
  cache[parseSaxPath] = patched;
}

const ExcelJS = require('exceljs') as typeof import('exceljs');
export default ExcelJS;
export type { CellValue, Row, Workbook, Worksheet } from 'exceljs';
