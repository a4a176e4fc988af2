import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from '../exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { cellBoolean, cellDate, cellInteger, readSheet, worksheetsLast } from './excel-read';

const TEXT = '庆阳市西峰区陇东能源装备科技有限公司高新技术企业研发费用加计扣除';

async function roundTrip(useSharedStrings: boolean): Promise<string[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-xlsx-')), 'cjk.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
  const sheet = writer.addWorksheet('data');
  sheet.addRow(['名称']).commit();
  // distinct strings, dense in 3-byte characters, over many 16 KiB inflate chunks
  for (let i = 0; i < 4000; i++) sheet.addRow([`${TEXT.slice(i % 7)}${i}`]).commit();
  sheet.commit();
  await writer.commit();
  const names: string[] = [];
  for await (const row of readSheet(fs.createReadStream(file), { name: ['名称'] })) names.push(String(row.get('name')));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return names;
}

describe('reading .xlsx as a stream', () => {
  for (const shared of [false, true]) {
    it(`keeps Chinese text whole across chunk boundaries (${shared ? 'shared strings, as Excel writes' : 'inline strings'})`, async () => {
      const names = await roundTrip(shared);
      assert.equal(names.length, 4000);
      assert.ok(!names.some((n) => n.includes('\uFFFD')), 'no replacement characters');
      names.forEach((n, i) => assert.equal(n, `${TEXT.slice(i % 7)}${i}`));
    });
  }

  it('reads an uploaded file held in memory every time, once its worksheets come last', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(['企业名称', '统一社会信用代码']);
    ws.addRow(['预览测试企业1有限公司', '91621002MA9PRE001']);
    ws.addRow(['张掖市祁连玉米种业科技有限公司', '91620702MA71YE001']);
    const original = Buffer.from(await wb.xlsx.writeBuffer());
    const reordered = await worksheetsLast(original);
    const order = Object.keys((await JSZip.loadAsync(reordered)).files);
    assert.ok(order.indexOf('xl/workbook.xml') < order.indexOf('xl/worksheets/sheet1.xml'), order.join(', '));
    assert.ok(order.indexOf('xl/sharedStrings.xml') < order.indexOf('xl/worksheets/sheet1.xml'));
    // the stock order failed about 1 read in 150 ("reading 'sheets'"): 300 reads must all succeed
    for (let i = 0; i < 300; i++) {
      const names: string[] = [];
      for await (const row of readSheet(Readable.from([reordered]), { name: ['企业名称'] })) names.push(String(row.get('name')));
      assert.deepEqual(names, ['预览测试企业1有限公司', '张掖市祁连玉米种业科技有限公司']);
    }
    const notAZip = Buffer.from('企业名称,统一社会信用代码');
    assert.equal(await worksheetsLast(notAZip), notAZip);
  });

  it('reads cells as people type them', () => {
    assert.equal(cellInteger('1,200'), 1200);
    assert.ok(Number.isNaN(cellInteger('一百万')!));
    assert.ok(Number.isNaN(cellInteger(1.5)!));
    assert.equal(cellInteger(''), undefined);
    assert.equal(cellBoolean('是'), true);
    assert.equal(cellBoolean('否'), false);
    assert.equal(cellBoolean('也许'), undefined);
    assert.equal(cellDate('2020/3/5'), '2020-03-05');
    assert.equal(cellDate('2020年3月5日'), '2020-03-05');
    assert.equal(cellDate('2020-02-30'), undefined);
    assert.equal(cellDate(new Date('2021-07-01T00:00:00Z')), '2021-07-01');
  });
});
