import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type CalendarExceptions } from './working-days';

// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): the days around 春节 and 国庆节
const days2026: CalendarExceptions = new Map([
  ['2026-02-14', true], // 周六上班
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => [`2026-02-${d}`, false] as [string, boolean]),
  ['2026-02-28', true], // 周六上班
  ['2026-09-20', true], // 周日上班
  ['2026-09-25', false], ['2026-09-26', false], ['2026-09-27', false], // 中秋节
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, false] as [string, boolean]),
  ['2026-10-10', true], // 周六上班
]);

test('Monday to Friday work, weekends rest, unless the year\'s arrangement says otherwise', () => {
  assert.equal(isWorkingDay('2026-11-30', days2026), true); // Monday
  assert.equal(isWorkingDay('2026-11-29', days2026), false); // Sunday
  assert.equal(isWorkingDay('2026-02-14', days2026), true); // Saturday worked before 春节
  assert.equal(isWorkingDay('2026-02-16', days2026), false); // Monday of 春节
});

test('deadlines in working days across the holidays, worked out by hand', () => {
  // 5 working days after Wed 30 Sep: Oct 1–7 off, Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13
  assert.equal(addWorkingDays('2026-09-30', 5, days2026), '2026-10-13');
  // 3 after Fri 13 Feb: Sat 14 (worked), then 15–23 off, Tue 24, Wed 25
  assert.equal(addWorkingDays('2026-02-13', 3, days2026), '2026-02-25');
  // a 7-working-day 公示 from Fri 18 Sep: Sun 20 (worked), 21, 22, 23, 24, (中秋 25–27 off), 28, 29
  assert.equal(addWorkingDays('2026-09-18', 7, days2026), '2026-09-29');
  // ordinary weeks: 5 working days after a Monday is the next Monday
  assert.equal(addWorkingDays('2026-11-30', 5, days2026), '2026-12-07');
  assert.equal(addWorkingDays('2026-11-30', 0, days2026), '2026-11-30');
  assert.throws(() => addWorkingDays('2026-11-30', -1, days2026), RangeError);
});

test('counting working days between two dates agrees with adding them', () => {
  for (const [start, n] of [['2026-09-30', 5], ['2026-02-13', 3], ['2026-09-18', 7], ['2026-01-01', 40]] as const) {
    assert.equal(workingDaysBetween(start, addWorkingDays(start, n, days2026), days2026), n);
  }
  assert.equal(workingDaysBetween('2026-10-01', '2026-10-07', days2026), 0);
  assert.equal(workingDaysBetween('2026-10-08', '2026-10-01', days2026), 0);
});
