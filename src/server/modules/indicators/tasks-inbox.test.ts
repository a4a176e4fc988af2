import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInChina } from '../../../domain/dates';
import { databaseTargets, signedIn, startTestApp, type TestApp, type TestClient } from '../../test/harness';

const API = '/api/v1/indicators';
const today = todayInChina();
const year = Number(today.slice(0, 4));
const inDays = (n: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

async function inbox(client: TestClient, lang?: 'en' | 'zh-CN') {
  const res = await client.get('/api/v1/inbox?limit=200', { lang });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: any[]; counts: Record<string, number> };
}
const ofKind = (box: { items: any[] }, kind: string) => box.items.filter((i) => i.kind === kind);

for (const target of databaseTargets()) {
  describe(`key task and three-list 待办 [${target}]`, () => {
    let t: TestApp;
    let qy: TestClient;
    let zy: TestClient;
    let taskA: any;
    let taskB: any;
    let taskC: any;
    let problem: any;
    const task = async (client: TestClient, regionCode: string, title: string, dueOn: string, milestones: { title: string; dueOn: string }[] = []) => {
      const res = await client.post(`${API}/tasks`, { regionCode, year, title, leadDepartment: '科技局', owner: '负责人', dueOn: dueOn < `${year}-01-01` ? `${year}-12-31` : dueOn, milestones });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const item = async (client: TestClient, body: Record<string, unknown>) => {
      const res = await client.post(`${API}/lists`, { year, owner: '责任人', ...body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    before(async () => {
      t = await startTestApp(target);
      qy = await signedIn(t.app, 'qingyang');
      zy = await signedIn(t.app, 'zhangye');
      taskA = await task(qy, '621000', '庆阳任务甲', inDays(60), [
        { title: '已逾期的节点', dueOn: inDays(-5) }, { title: '三天后的节点', dueOn: inDays(3) },
        { title: '一个月后的节点', dueOn: inDays(30) }, { title: '明天的节点', dueOn: inDays(1) }]);
      taskB = await task(qy, '621000', '庆阳任务乙', inDays(10));
      taskC = await task(zy, '620700', '张掖任务丙', inDays(60), [{ title: '张掖节点', dueOn: inDays(2) }]);
      problem = await item(qy, { regionCode: '621000', list: 'problem', title: '庆阳整改问题', deadline: inDays(7) });
      await item(qy, { regionCode: '621000', list: 'risk', title: '庆阳远期风险', level: 'high', deadline: inDays(40) });
      await item(qy, { regionCode: '621000', list: 'responsibility', title: '无期限的责任' });
      await item(zy, { regionCode: '620700', list: 'problem', title: '张掖逾期问题', deadline: inDays(-1) });
    });
    after(async () => { await t.close(); });

    it('shows what is due within 14 days or overdue, in the region\'s scope, with the due date', async () => {
      const box = await inbox(qy);
      const due = ofKind(box, 'task.milestone');
      assert.deepEqual(due.map((i) => [i.title, i.dueOn, i.overdue]), [
        ['完成里程碑：已逾期的节点（庆阳任务甲）', inDays(-5), true],
        ['完成里程碑：明天的节点（庆阳任务甲）', inDays(1), false],
        ['完成里程碑：三天后的节点（庆阳任务甲）', inDays(3), false],
        ['完成重点任务：庆阳任务乙', inDays(10), false],
      ]);
      assert.equal(box.counts['task.milestone'], 4);
      assert.equal(due[0].link, `/indicators/tasks?task=${taskA.id}`);
      assert.equal(due[3].link, `/indicators/tasks?task=${taskB.id}`);
      assert.equal(due[0].whose, '负责人（庆阳市）');
      assert.equal(box.items[0].title, '完成里程碑：已逾期的节点（庆阳任务甲）', 'overdue first in the whole inbox');
      assert.equal(ofKind(await inbox(qy, 'en'), 'task.milestone')[0].title, 'Milestone "已逾期的节点" of the task "庆阳任务甲"');

      const supervision = ofKind(box, 'supervision.due');
      assert.deepEqual(supervision.map((i) => [i.title, i.dueOn, i.link]), [['整改问题：庆阳整改问题', inDays(7), '/indicators/tasks?tab=lists&list=problem']]);
      assert.equal(box.counts['supervision.due'], 1);

      const zyBox = await inbox(zy);
      assert.deepEqual(ofKind(zyBox, 'task.milestone').map((i) => i.link), [`/indicators/tasks?task=${taskC.id}`]);
      assert.deepEqual(ofKind(zyBox, 'supervision.due').map((i) => [i.title, i.overdue]), [['整改问题：张掖逾期问题', true]]);
      const xf = await inbox(await signedIn(t.app, 'xifeng'));
      assert.equal(xf.counts['task.milestone'], 0, 'a county does not see its city\'s tasks');
      assert.equal(xf.counts['supervision.due'], 0);
      const gansu = await inbox(await signedIn(t.app, 'gansu'));
      assert.equal(gansu.counts['task.milestone'], 5);
      assert.equal(gansu.counts['supervision.due'], 2);
      assert.equal((await inbox(await signedIn(t.app, 'qy_ent1'))).counts['task.milestone'], undefined);
    });

    it('a done milestone, a finished task and a closed item leave the inbox', async () => {
      const detail = (await qy.get(`${API}/tasks/${taskA.id}`)).json();
      const tomorrow = detail.milestoneList.find((m: any) => m.title === '明天的节点');
      const done = await qy.post(`${API}/tasks/${taskA.id}/milestones/${tomorrow.id}/done`, { doneOn: today, version: tomorrow.version });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await inbox(qy)).counts['task.milestone'], 3);
      assert.equal((await qy.post(`${API}/tasks/${taskB.id}/reports`, { text: '已完成', progress: 100 })).statusCode, 201);
      const box = await inbox(qy);
      assert.deepEqual(ofKind(box, 'task.milestone').map((i) => i.title), ['完成里程碑：已逾期的节点（庆阳任务甲）', '完成里程碑：三天后的节点（庆阳任务甲）']);

      const closed = await qy.post(`${API}/lists/${problem.id}/close`, { version: problem.version, reason: '已整改', evidence: '整改报告' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal((await inbox(qy)).counts['supervision.due'], 0);
      assert.equal((await inbox(zy)).counts['task.milestone'], 1, 'another region unchanged');
    });
  });
}
