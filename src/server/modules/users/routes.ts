import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requireRole, ROLES } from '../../http/actor';
import { sendWorkbook } from '../../http/excel';
import { nameField, passwordField, phoneField, regionCodeField, usernameField } from '../../http/fields';
import { MAX_EXPORT_ROWS, pageOf, pagingSchema } from '../../http/list-query';
import { createUser, getUserView, listUsers, resetPassword, setUserEnabled } from './service';

const roleEnum = z.enum(ROLES as [string, ...string[]]);
const filters = pagingSchema.extend({
  role: roleEnum.optional(),
  status: z.enum(['active', 'pending', 'rejected', 'disabled']).optional(),
  regionCode: regionCodeField.optional(),
});

export const userSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), role: z.string(), status: z.string(),
  regionCode: z.string().nullable(), regionName: z.string().nullable(), orgId: z.number().nullable(), orgName: z.string().nullable(),
  phone: z.string().nullable(), locked: z.boolean(), mustChangePassword: z.boolean(), createdAt: z.string(),
  lastLoginAt: z.string().nullable(), version: z.number(),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });

const ROLE_NAMES: Record<string, [string, string]> = {
  admin: ['系统管理员', 'Administrator'], staff: ['科技局工作人员', 'Bureau staff'], enterprise: ['企业', 'Enterprise'],
  institution: ['高校院所', 'Institution'], expert: ['专家', 'Expert'], commissioner: ['科技特派员', 'S&T commissioner'],
};
const STATUS_NAMES: Record<string, [string, string]> = {
  active: ['正常', 'Active'], pending: ['待审核', 'Pending'], rejected: ['已驳回', 'Rejected'], disabled: ['已停用', 'Disabled'],
};

export default async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['users'], summary: 'List users in scope', querystring: filters, response: { 200: pageOf(userSchema) } } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page, pageSize, ...f } = req.query;
    return listUsers(db, actor, f, page, pageSize);
  });

  r.get('/export', { schema: { tags: ['users'], summary: 'Export the filtered user list to Excel', querystring: filters } }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { items } = await listUsers(db, actor, f, 1, MAX_EXPORT_ROWS);
    const en = req.lang === 'en' ? 1 : 0;
    const h = (zh: string, e: string) => (en ? e : zh);
    return sendWorkbook(reply, `${h('用户', 'users')}.xlsx`, h('用户', 'Users'), [
      { header: h('用户名', 'Username'), value: (u) => u.username },
      { header: h('姓名', 'Name'), value: (u) => u.displayName },
      { header: h('角色', 'Role'), value: (u) => ROLE_NAMES[u.role]?.[en] ?? u.role },
      { header: h('状态', 'Status'), value: (u) => STATUS_NAMES[u.status]?.[en] ?? u.status },
      { header: h('行政区划', 'Region'), value: (u) => u.regionName },
      { header: h('单位', 'Organisation'), value: (u) => u.orgName, width: 30 },
      { header: h('手机号', 'Mobile'), value: (u) => u.phone },
      { header: h('创建时间', 'Created'), value: (u) => u.createdAt, width: 24 },
      { header: h('最近登录', 'Last sign-in'), value: (u) => u.lastLoginAt, width: 24 },
    ], items);
  });

  r.get('/:id', { schema: { tags: ['users'], params: idParams, response: { 200: userSchema } } }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    return getUserView(db, req.params.id, actor);
  });

  r.post('/', {
    schema: { tags: ['users'], summary: 'Create an admin, staff, expert or commissioner account',
      body: z.object({ username: usernameField, displayName: nameField(50), role: roleEnum, regionCode: regionCodeField.nullish(),
        phone: phoneField.nullish(), password: passwordField }),
      response: { 201: userSchema } },
  }, async (req, reply) => {
    const actor = requireRole(req, 'admin', 'staff');
    const user = await createUser(db, actor, auditActorOf(req), req.body as any);
    return reply.status(201).send(user);
  });

  for (const [path, enabled] of [['disable', false], ['enable', true]] as const) {
    r.post(`/:id/${path}`, { schema: { tags: ['users'], summary: `${path} an account`, params: idParams, response: { 200: userSchema } } }, async (req) => {
      const actor = requireRole(req, 'admin', 'staff');
      return setUserEnabled(db, actor, auditActorOf(req), req.params.id, enabled);
    });
  }

  r.post('/:id/reset-password', {
    schema: { tags: ['users'], summary: 'Reset to a temporary password that must be changed at next sign-in', params: idParams,
      response: { 200: z.object({ temporaryPassword: z.string() }) } },
  }, async (req) => {
    const actor = requireRole(req, 'admin', 'staff');
    return { temporaryPassword: await resetPassword(db, actor, auditActorOf(req), req.params.id) };
  });
}
