// One figure, one definition: the cultivation view (培育看板) and the indicator dashboard (指标看板)
// show the same 高企 / 科小 counts, the same growth and the same "四有" shares for a region and year.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, signedIn, startTestApp, type TestApp } from '../../test/harness';

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const LAST = YEAR - 1;
const item = (body: any, code: string) => body.items.find((i: any) => i.code === code);

for (const target of databaseTargets()) {
  describe(`cultivation and indicators agree [${target}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(target, {}, { enterprises: 120 });
      // A certificate that lapses today: valid on today's as-of, not at the year's end. And one that
      // lapsed on this day last year: counted a year ago "on the same date", not at last year's end.
      const { rows } = await t.db.query(`SELECT o.id FROM organization o WHERE o.kind = 'enterprise' AND o.region_code IN (SELECT region_subtree('621000'))
        AND NOT EXISTS (SELECT 1 FROM enterprise_tier t WHERE t.org_id = o.id AND t.tier = 'high_tech') ORDER BY o.id LIMIT 2`);
      const lastYearToday = `${LAST}${TODAY.slice(4) === '-02-29' ? '-02-28' : TODAY.slice(4)}`;
      await t.db.query(`INSERT INTO enterprise_tier (org_id, tier, year, certificate_no, issued_on, valid_until)
        VALUES ($1, 'high_tech', $2, 'GR-TEST-1', $3::date - interval '3 years' + interval '1 day', $3::date),
               ($4, 'high_tech', $5, 'GR-TEST-2', $6::date - interval '3 years' + interval '1 day', $6::date)`,
      [rows[0].id, YEAR - 3, TODAY, rows[1].id, LAST - 3, lastYearToday]);
      // A 规上 industrial firm's statistics of last year, submitted but not yet confirmed.
      await t.db.query(`UPDATE enterprise_stat SET status = 'submitted' WHERE (org_id, year) IN (
        SELECT s.org_id, s.year FROM enterprise_stat s JOIN organization o ON o.id = s.org_id JOIN enterprise_profile p ON p.org_id = o.id
         WHERE s.year = $1 AND s.status = 'confirmed' AND p.above_scale AND o.region_code IN (SELECT region_subtree('621000'))
           AND substring(regexp_replace(p.industry_code, '^[A-T]', '') FROM 1 FOR 2) BETWEEN '06' AND '46' ORDER BY s.org_id LIMIT 1)`, [LAST]);
    });
    after(async () => { await t.close(); });

    it('shows the same 高企 and 科小 counts and growth for 庆阳市 and 甘肃省 on the same date', async () => {
      for (const [user, region] of [['qingyang', '621000'], ['gansu', '620000']] as const) {
        const c = await signedIn(t.app, user);
        const cult = (await c.get(`/api/v1/enterprises/cultivation?regionCode=${region}&year=${YEAR}`)).json();
        const values = (await c.get(`/api/v1/indicators/values?region=${region}&year=${YEAR}`)).json();
        assert.equal(cult.asOf, values.asOf, `${region}: both as of the same date`);
        assert.equal(cult.asOf, TODAY);
        const hightech = item(values, 'high_tech_enterprises');
        assert.equal(cult.doubling.highTech.current, hightech.value, `${region} 高企`);
        assert.equal(cult.doubling.highTech.last, hightech.previous, `${region} 高企 a year before`);
        assert.equal(cult.doubling.highTech.growthPct, hightech.yoy, `${region} 高企 growth`);
        assert.equal(cult.doubling.techSme.current, item(values, 'tech_smes').value, `${region} 科小`);
        const current = cult.counts.find((x: any) => x.year === YEAR);
        assert.equal(current.highTech, hightech.value, `${region}: the chart's bar of this year is the same figure`);
        assert.equal(current.asOf, TODAY);
        assert.equal(cult.counts.find((x: any) => x.year === LAST).asOf, `${LAST}-12-31`, 'a past year is counted at its end');
      }
    });

    it('takes "四有" from confirmed statistics only, on both views, and says so', async () => {
      const c = await signedIn(t.app, 'qingyang');
      const cult = (await c.get(`/api/v1/enterprises/cultivation?regionCode=621000&year=${YEAR}`)).json();
      assert.equal(cult.fourHas.year, LAST);
      const values = (await c.get(`/api/v1/indicators/values?region=621000&year=${LAST}`)).json();
      const share = item(values, 'four_has_coverage').value;
      assert.equal(Math.round((cult.fourHas.allFour / cult.fourHas.firms) * 1e6) / 1e6, Math.round(share * 1e4) / 1e6);
      assert.equal(cult.fourHas.basis, 'confirmed');
      assert.match(values.basis, /已确认/);
    });

    it('colours the ranking by the dashboard\'s own rule and fills 较上期 from the previous period', async () => {
      const c = await signedIn(t.app, 'qingyang');
      const d = (await c.get(`/api/v1/indicators/dashboard?region=621000&year=${YEAR}`)).json();
      const children = new Map(d.values.children.map((k: any) => [k.regionCode, k]));
      let judged = 0;
      for (const row of d.ranking.items) {
        const own: any = children.get(row.regionCode);
        assert.equal(row.state, own.summary.overall.state, `${row.regionName}: the ranking's colour is the region's own overall state`);
        assert.equal(row.progress, own.summary.completion);
        const states = own.items.filter((i: any) => i.target !== null && i.progress !== null).map((i: any) => i.state);
        if (states.length && states.every((s: string) => s === 'green')) assert.equal(row.state, 'green', `${row.regionName}: all green on its dashboard`);
        if (row.progress !== null) {
          judged += 1;
          assert.ok(row.previousProgress !== null, `${row.regionName}: 较上期 has the previous period's completion`);
          assert.equal(row.progressChange, Math.round((row.progress - row.previousProgress) * 1e6) / 1e6);
        }
      }
      assert.ok(judged > 0, 'the demo ranks counties with targets');
    });

    it('counts a candidate\'s unmet conditions as it lists them: failed and not yet judgeable, never "0" beside a listed one', async () => {
      const c = await signedIn(t.app, 'qingyang');
      const cult = (await c.get(`/api/v1/enterprises/cultivation?regionCode=621000&year=${YEAR}`)).json();
      assert.ok(cult.candidates.length > 0);
      for (const row of cult.candidates) {
        assert.equal(row.failed + row.uncertain.length, row.blocking.length, row.name);
        assert.ok(row.uncertain.every((code: string) => row.blocking.includes(code)));
      }
      assert.ok(cult.candidates.some((r: any) => r.uncertain.length > 0 && r.failed === 0), 'the demo has a candidate held back only by conditions still to be checked');
    });
  });
}
