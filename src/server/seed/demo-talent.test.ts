// The demo talent (M8) is what the API would have left: every kind present in 庆阳 and 张掖, every
// service row within its agreement, payments only up to today, the figures the list shows are the
// rows' sums, people in the registry once; and expert1 (周文华) sees their own 领军人才 record.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../domain/dates';
import { seedDemoProjects } from './demo-projects';
import { seedDemoTalent } from './demo-talent';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../test/harness';

for (const target of databaseTargets()) {
  describe(`demo talent [${target}]`, () => {
    let t: TestApp;
    let ms = 0;
    before(async () => {
      t = await startTestApp(target);
      await t.db.transaction(async (tx) => {
        await seedDemoProjects(tx);
        const started = performance.now();
        await seedDemoTalent(tx);
        ms = performance.now() - started;
      });
    });
    after(async () => { await t.close(); });

    it('has every kind in both cities, rows within agreements, payments up to today, one person per mobile, and seeds fast', async () => {
      const today = todayInChina();
      const { rows } = await t.db.query(`SELECT t.category, t.flexible_kind, left(o.region_code, 4) AS city, t.status FROM talent t JOIN organization o ON o.id = t.host_org_id`);
      const kinds = new Set(rows.map((r) => r.flexible_kind ?? r.category));
      for (const k of ['leading', 'team', 'three_regions', 'local', 'migratory', 'weekend_engineer', 'vice_president']) assert.ok(kinds.has(k), k);
      assert.ok(rows.some((r) => r.city === '6210') && rows.some((r) => r.city === '6207'));
      assert.equal(rows.filter((r) => r.status === 'ended').length, 1);
      const outside = await t.db.query(`SELECT count(*)::int AS n FROM talent_service s JOIN talent t ON t.id = s.talent_id
                                         WHERE s.served_on < t.agreement_from OR s.served_on > t.agreement_to OR s.served_on > $1`, [today]);
      assert.equal(outside.rows[0].n, 0);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM talent_payment WHERE paid_on > $1', [today])).rows[0].n, 0);
      assert.ok((await t.db.query('SELECT count(*)::int AS n FROM talent_service')).rows[0].n > 150);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM (SELECT phone FROM expert GROUP BY phone HAVING count(*) > 1) d')).rows[0].n, 0);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM talent_team')).rows[0].n, 2);
      assert.equal((await t.db.query('SELECT count(*)::int AS n FROM talent_base')).rows[0].n, 2);
      assert.ok(ms < 3000, `${ms} ms`);
    });

    it('shows the rows\' sums in the list, by region, and expert1 their own record', async () => {
      const qingyang = await signedIn(t.app, 'qingyang');
      const year = Number(todayInChina().slice(0, 4));
      const list = (await qingyang.get('/api/v1/talent?pageSize=100')).json();
      assert.ok(list.total >= 9);
      for (const item of list.items) {
        const { rows: [s] } = await t.db.query(`SELECT coalesce(sum(days), 0)::float AS d FROM talent_service WHERE talent_id = $1 AND served_on BETWEEN $2 AND $3`,
          [item.id, `${year}-01-01`, `${year}-12-31`]);
        assert.equal(item.done, s.d);
      }
      assert.ok(list.items.every((i: any) => i.regionCode.startsWith('6210')));
      const zhangye = (await (await signedIn(t.app, 'zhangye')).get('/api/v1/talent')).json();
      assert.ok(zhangye.total >= 3 && zhangye.items.every((i: any) => i.regionCode.startsWith('6207')));
      const mine = (await (await signedIn(t.app, 'expert1')).get('/api/v1/talent')).json();
      assert.deepEqual(mine.items.map((i: any) => [i.name, i.category]), [['周文华', 'leading']]);
    });
  });
}
