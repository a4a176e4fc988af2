/**
 * /api/v1/indicators: catalogue, values against targets (双过半 / 全年红), 对标对表 ranking, trends,
 * the dashboard in one call, reports (.xlsx / .docx), targets, entered / imported figures, key
 * tasks and the three lists. Staff and admins only; staff within their own region subtree.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInChina } from '../../../domain/dates';
import { PERIODS, type Period } from '../../../domain/indicators/rules';
import { auditActorOf, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { importFlags, runImport } from '../../http/import-run';
import { regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import { loadCatalogue } from './compute';
import { importValues, valueTemplate } from './import';
import { reportDocx, reportTitle, reportXlsx } from './report';
import { defaultRegion, listEntries, listTargets, ranking, regionValues, saveEntry, setTarget, trend, visibleRegion } from './service';
import {
  addAttachment, addMilestone, addReport, createItem, createTask, getAttachment, getItem, getTask, listCounts, listItems, listTasks, MAX_ATTACHMENT_BYTES,
  moveItem, overdueItems, setMilestoneDone, taskSummary, updateItem, updateTask,
} from './tasks/service';

const year = z.coerce.number().int().min(2000).max(2100);
const period = z.enum(PERIODS as unknown as [Period, ...Period[]]);
const isoDate = z.iso.date('field.date');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const idParams = z.object({ id: z.coerce.number().int().positive() });
const thisYear = () => Number(todayInChina().slice(0, 4));

const valuesQuery = z.object({
  region: regionCodeField.optional(), year: year.optional(), period: period.optional(), breakdown: z.enum(['children']).optional(),
});

const milestoneBody = z.object({ title: text(200), owner: optionalText(50), dueOn: isoDate });
const taskBody = z.object({
  regionCode: regionCodeField, year, plan: optionalText(50), title: text(200), description: optionalText(4000),
  leadDepartment: text(100), owner: text(50), dueOn: isoDate, milestones: z.array(milestoneBody).max(50).optional(),
});
const LISTS = ['risk', 'problem', 'responsibility'] as const;
const itemBody = z.object({
  regionCode: regionCodeField, year, list: z.enum(LISTS), title: text(200), detail: optionalText(4000), level: z.enum(['high', 'medium', 'low']).nullish(),
  measure: optionalText(2000), owner: text(100), deadline: isoDate.nullish(), evidence: optionalText(4000), taskId: z.number().int().positive().nullish(),
});

export default async function indicatorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;
  const staff = (req: any) => requireRole(req, 'admin', 'staff');

  r.get('/catalogue', { schema: { tags: ['indicators'], summary: 'The indicator catalogue' } }, async (req) => {
    staff(req);
    const items = await loadCatalogue(db);
    return { items: items.map((d) => ({ ...d, name: req.lang === 'en' ? d.nameEn : d.nameZh, unit: req.lang === 'en' ? d.unitEn : d.unitZh })) };
  });

  r.get('/values', {
    schema: { tags: ['indicators'], summary: 'Indicators of a region against its targets; breakdown=children adds each sub-region. progress is a fraction (0.5 = 50 %)', querystring: valuesQuery },
  }, async (req) => regionValues(db, staff(req), { ...req.query, year: req.query.year ?? thisYear(), today: todayInChina() }, req.lang));

  r.get('/ranking', {
    schema: { tags: ['indicators'], summary: '对标对表: sub-regions ranked on an indicator (or overall completion), with the change since the previous period',
      querystring: valuesQuery.omit({ breakdown: true }).extend({ indicator: z.string().max(64).default('overall'), by: z.enum(['value', 'progress']).default('progress') }) },
  }, async (req) => ranking(db, staff(req), { ...req.query, year: req.query.year ?? thisYear(), today: todayInChina() }, req.lang));

  r.get('/trend', {
    schema: { tags: ['indicators'], summary: 'Year-end values and targets over the years', querystring: z.object({ region: regionCodeField.optional(), year: year.optional(), years: z.coerce.number().int().min(1).max(10).default(3) }) },
  }, async (req) => trend(db, staff(req), { region: req.query.region, year: req.query.year ?? thisYear(), years: req.query.years, today: todayInChina() }, req.lang));

  r.get('/dashboard', { schema: { tags: ['indicators'], summary: 'Everything the dashboard shows, in one call', querystring: valuesQuery.omit({ breakdown: true }) } }, async (req) => {
    const actor = staff(req);
    const today = todayInChina();
    const y = req.query.year ?? thisYear();
    const region = req.query.region ?? await defaultRegion(db, actor);
    const values = await regionValues(db, actor, { region, year: y, period: req.query.period, breakdown: 'children', today }, req.lang);
    const [rank, trendData, tasks, overdue, lists] = [
      await ranking(db, actor, { region, year: y, period: req.query.period, indicator: 'overall', by: 'progress', today }, req.lang),
      await trend(db, actor, { region, year: y, years: 3, today }, req.lang),
      await taskSummary(db, actor, region, y, today),
      await overdueItems(db, actor, region, y, today, 20),
      await listCounts(db, actor, region, y, today),
    ];
    return { values, ranking: rank, trend: trendData, tasks, overdue, lists };
  });

  r.get('/report', {
    schema: { tags: ['indicators'], summary: 'The indicator report of a region as .xlsx or .docx (the dashboard\'s numbers)',
      querystring: valuesQuery.omit({ breakdown: true }).extend({ format: z.enum(['xlsx', 'docx']).default('xlsx') }) },
  }, async (req, reply) => {
    const actor = staff(req);
    const today = todayInChina();
    const y = req.query.year ?? thisYear();
    const region = req.query.region ?? await defaultRegion(db, actor);
    const values = await regionValues(db, actor, { region, year: y, period: req.query.period, breakdown: 'children', today }, req.lang);
    const tasks = await taskSummary(db, actor, region, y, today);
    const overdue = await overdueItems(db, actor, region, y, today, 500);
    const xlsx = req.query.format === 'xlsx';
    const body = xlsx ? await reportXlsx(values, tasks, overdue, req.lang) : await reportDocx(values, tasks, overdue, req.lang);
    const name = `${reportTitle(values, req.lang)}.${req.query.format}`;
    return reply
      .header('content-type', xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="report.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });

  // targets
  r.get('/targets', { schema: { tags: ['indicators'], summary: 'Targets of a region and year', querystring: z.object({ region: regionCodeField.optional(), year: year.optional() }) } },
    async (req) => {
      const actor = staff(req);
      return listTargets(db, actor, req.query.region ?? await defaultRegion(db, actor), req.query.year ?? thisYear(), req.lang);
    });
  r.put('/targets', {
    schema: { tags: ['indicators'], summary: 'Set a target (version 0 creates it; target null removes it)',
      body: z.object({ region: regionCodeField, year, indicator: z.string().max(64), target: z.number().finite().nullable(), note: optionalText(500), version: z.number().int().min(0) }) },
  }, async (req) => setTarget(db, staff(req), auditActorOf(req), req.body));

  // entered / imported figures
  r.get('/entries', {
    schema: { tags: ['indicators'], summary: 'Entered and imported figures of a region and year', querystring: z.object({ region: regionCodeField.optional(), year: year.optional(), indicator: z.string().max(64).optional() }) },
  }, async (req) => {
    const actor = staff(req);
    return listEntries(db, actor, req.query.region ?? await defaultRegion(db, actor), req.query.year ?? thisYear(), req.query.indicator);
  });
  r.put('/entries', {
    schema: { tags: ['indicators'], summary: 'Enter a year-to-date figure (version 0 creates it; value null removes it)',
      body: z.object({ region: regionCodeField, indicator: z.string().max(64), year, period, value: z.number().finite().nullable(), note: optionalText(500), version: z.number().int().min(0) }) },
  }, async (req) => saveEntry(db, staff(req), auditActorOf(req), req.body));
  r.get('/entries/template', { schema: { tags: ['indicators'], summary: 'Excel template of the figures import' } }, async (req, reply) => {
    staff(req);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('指标数据导入模板.xlsx')}`)
      .send(await valueTemplate(db));
  });
  r.post('/entries/import', { schema: { tags: ['indicators'], summary: 'Import statistics-bureau figures (.xlsx, multipart "file"): dryRun=1 previews; every row or none',
    querystring: importFlags, consumes: ['multipart/form-data'] } },
  async (req) => {
    const actor = staff(req);
    const audit = auditActorOf(req);
    return runImport(req, db, audit, 'indicators.entries', (input, options) => importValues(db, actor, audit, input, req.lang, options));
  });

  // key tasks
  const taskList = pagingSchema.extend({ region: regionCodeField.optional(), year: year.optional(), status: z.enum(['active', 'done']).optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
  r.get('/tasks', { schema: { tags: ['indicators'], summary: 'Key tasks in scope', querystring: taskList } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listTasks(db, staff(req), f, page, pageSize, todayInChina());
  });
  r.post('/tasks', { schema: { tags: ['indicators'], summary: 'Create a key task with its milestones', body: taskBody } }, async (req, reply) => {
    const actor = staff(req);
    const id = await createTask(db, actor, auditActorOf(req), req.body);
    return reply.status(201).send(await getTask(db, actor, id, todayInChina()));
  });
  r.get('/tasks/:id', { schema: { tags: ['indicators'], params: idParams } }, async (req) => getTask(db, staff(req), req.params.id, todayInChina()));
  r.patch('/tasks/:id', { schema: { tags: ['indicators'], params: idParams, body: taskBody.omit({ regionCode: true, year: true, milestones: true }).partial().extend({ version: z.number().int() }) } },
    async (req) => {
      const actor = staff(req);
      await updateTask(db, actor, auditActorOf(req), req.params.id, req.body);
      return getTask(db, actor, req.params.id, todayInChina());
    });
  r.post('/tasks/:id/milestones', { schema: { tags: ['indicators'], params: idParams, body: milestoneBody } }, async (req, reply) => {
    const actor = staff(req);
    await addMilestone(db, actor, auditActorOf(req), req.params.id, req.body);
    return reply.status(201).send(await getTask(db, actor, req.params.id, todayInChina()));
  });
  r.post('/tasks/:id/milestones/:milestoneId/done', {
    schema: { tags: ['indicators'], params: idParams.extend({ milestoneId: z.coerce.number().int().positive() }), body: z.object({ doneOn: isoDate.nullable(), version: z.number().int() }) },
  }, async (req) => {
    const actor = staff(req);
    await setMilestoneDone(db, actor, auditActorOf(req), req.params.id, req.params.milestoneId, req.body.doneOn, req.body.version);
    return getTask(db, actor, req.params.id, todayInChina());
  });
  r.post('/tasks/:id/reports', {
    schema: { tags: ['indicators'], summary: 'Report progress (text, %); attachments follow', params: idParams,
      body: z.object({ text: text(4000), progress: z.number().int().min(0).max(100), reportedOn: isoDate.optional() }) },
  }, async (req, reply) => {
    const actor = staff(req);
    const id = await addReport(db, actor, auditActorOf(req), req.params.id, { ...req.body, reportedOn: req.body.reportedOn ?? todayInChina() });
    return reply.status(201).send({ id, task: await getTask(db, actor, req.params.id, todayInChina()) });
  });
  r.post('/tasks/:id/reports/:reportId/attachments', {
    schema: { tags: ['indicators'], summary: 'Attach a file to a progress report (multipart "file")', params: idParams.extend({ reportId: z.coerce.number().int().positive() }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const actor = staff(req);
    const file = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES } });
    if (!file) throw new AppError(400, 'FILE_REQUIRED');
    const content = await file.toBuffer();
    return reply.status(201).send(await addAttachment(db, actor, auditActorOf(req), req.params.id, req.params.reportId,
      { fileName: file.filename.slice(0, 200), contentType: file.mimetype || 'application/octet-stream', content }));
  });
  r.get('/attachments/:id', { schema: { tags: ['indicators'], params: idParams } }, async (req, reply) => {
    const a = await getAttachment(db, staff(req), req.params.id);
    return reply.header('content-type', a.contentType)
      .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.fileName)}`).send(a.content);
  });
  r.get('/overdue', { schema: { tags: ['indicators'], summary: 'Overdue milestones and tasks', querystring: z.object({ region: regionCodeField.optional(), year: year.optional() }) } },
    async (req) => {
      const actor = staff(req);
      const region = (await visibleRegion(db, actor, req.query.region ?? await defaultRegion(db, actor))).code;
      return { items: await overdueItems(db, actor, region, req.query.year ?? thisYear(), todayInChina(), 500) };
    });

  // the three lists
  const itemList = pagingSchema.extend({ region: regionCodeField.optional(), year: year.optional(), list: z.enum(LISTS).optional(), status: z.enum(['open', 'in_progress', 'closed']).optional() });
  r.get('/lists', { schema: { tags: ['indicators'], summary: '三张清单: risks, problems, responsibilities', querystring: itemList } }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return listItems(db, staff(req), f, page, pageSize, todayInChina());
  });
  r.post('/lists', { schema: { tags: ['indicators'], body: itemBody } }, async (req, reply) => {
    const actor = staff(req);
    const id = await createItem(db, actor, auditActorOf(req), req.body);
    return reply.status(201).send(await getItem(db, actor, id, todayInChina()));
  });
  r.get('/lists/:id', { schema: { tags: ['indicators'], params: idParams } }, async (req) => getItem(db, staff(req), req.params.id, todayInChina()));
  r.patch('/lists/:id', { schema: { tags: ['indicators'], params: idParams, body: itemBody.omit({ regionCode: true, year: true, list: true }).partial().extend({ version: z.number().int() }) } },
    async (req) => {
      const actor = staff(req);
      await updateItem(db, actor, auditActorOf(req), req.params.id, req.body);
      return getItem(db, actor, req.params.id, todayInChina());
    });
  for (const action of ['start', 'close', 'reopen'] as const) {
    r.post(`/lists/:id/${action}`, {
      schema: { tags: ['indicators'], summary: action === 'start' ? 'Start work on an item' : `${action} an item (reason required)`, params: idParams,
        body: z.object({ version: z.number().int(), reason: optionalText(2000), evidence: optionalText(4000) }) },
    }, async (req) => {
      const actor = staff(req);
      await moveItem(db, actor, auditActorOf(req), req.params.id, action, req.body);
      return getItem(db, actor, req.params.id, todayInChina());
    });
  }
}
