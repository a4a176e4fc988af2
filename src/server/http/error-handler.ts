/** Turns every failure into `{ error: { code, message, fields? } }` in the request's language. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from './errors';
import { isMessageKey, translate, type Lang, type MessageKey } from './messages';

/** A zod issue → one of our field message keys. Custom refinements carry a key as their message. */
function problemOfIssue(keyword: string, message: string, params: Record<string, any>): FieldProblem {
  if (isMessageKey(message)) return { key: message };
  switch (keyword) {
    case 'invalid_type':
      return { key: params.input === undefined || params.input === null ? 'field.required' : 'field.invalid' };
    case 'too_small':
      return params.origin === 'string'
        ? { key: params.minimum === 1 ? 'field.required' : 'field.too_short', params: { minimum: params.minimum } }
        : { key: 'field.invalid' };
    case 'too_big':
      return params.origin === 'string' ? { key: 'field.too_long', params: { maximum: params.maximum } } : { key: 'field.invalid' };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'field.invalid_option' };
    default:
      return { key: 'field.invalid' };
  }
}

function fieldsOf(lang: Lang, fields: Record<string, FieldProblem>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([f, p]) => [f, translate(lang, p.key, p.params)]));
}

function send(reply: FastifyReply, lang: Lang, status: number, code: MessageKey, params: Record<string, unknown> = {},
  fields?: Record<string, FieldProblem>, detail?: Record<string, unknown>) {
  return reply.status(status).send({
    error: { code, message: translate(lang, code, params), ...(fields ? { fields: fieldsOf(lang, fields) } : {}), ...detail },
  });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? 'zh-CN';
    if (err instanceof AppError) return send(reply, lang, err.status, err.code, err.params, err.fields, err.detail);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, FieldProblem> = {};
      for (const v of err.validation) {
        const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_';
        fields[field] ??= problemOfIssue(v.keyword, v.message ?? '', v.params as Record<string, any>);
      }
      return send(reply, lang, 400, 'VALIDATION_FAILED', {}, fields);
    }
    const pgCode = (err as unknown as { code?: string }).code;
    if (err.message?.includes('Query read timeout') || pgCode === '57014') {
      req.log.warn({ err }, 'query timed out');
      return send(reply, lang, 503, 'DB_TIMEOUT');
    }
    if (err.statusCode === 413 || pgCode === 'FST_REQ_FILE_TOO_LARGE') return send(reply, lang, 413, 'PAYLOAD_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(reply, lang, err.statusCode, 'BAD_REQUEST');
    req.log.error({ err }, 'unhandled error');
    return send(reply, lang, 500, 'INTERNAL');
  });

}

export function notFound(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req.lang ?? 'zh-CN', 404, 'ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] });
}
