/** Turns every failure into `{ error: { code, message, fields? } }` in the request's language. */
import crypto from 'node:crypto';
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
  // A failure of ours (5xx) carries the request id, so a clerk can quote it and we can find the log line.
  const requestId = status >= 500 ? { requestId: String(reply.request.id) } : {};
  const message = translate(lang, code, params) + (status >= 500 ? translate(lang, 'REQUEST_ID_SUFFIX', { id: reply.request.id }) : '');
  return reply.status(status).send({
    error: { code, message, ...(fields ? { fields: fieldsOf(lang, fields) } : {}), ...detail, ...requestId },
  });
}

/** Errors that mean the database did not answer at all (lost or refused connection, shutdown). */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (/^08/.test(e.code) || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE'].includes(e.code))) return true;
  return /Connection terminated|connect ECONNREFUSED|connect ENOENT|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '');
}

/** A 5xx is a defect or an outage: always logged with its request id, also when the access log is off. */
function logFailure(req: FastifyRequest, err: unknown, what: string, toStderr: boolean) {
  req.log.error({ err, reqId: req.id }, what);
  if (toStderr) console.error(`[${req.id}] ${req.method} ${req.url.split('?')[0]}: ${what}:`, err);
}

/** Short, unambiguous ids a clerk can read out over the phone (no 0/O, 1/I). */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newRequestId(): string {
  const bytes = crypto.randomBytes(8);
  let id = '';
  for (const b of bytes) id += ID_ALPHABET[b % ID_ALPHABET.length];
  return `${id.slice(0, 4)}-${id.slice(4)}`;
}

/** `logToStderr`: the app runs without a logger (tests, KECHUANG_LOG=0), so 5xx go to stderr. */
export function registerErrorHandler(app: FastifyInstance, options: { logToStderr?: boolean } = {}): void {
  const toStderr = options.logToStderr ?? false;
  app.addHook('onRequest', async (req, reply) => { reply.header('x-request-id', req.id); });
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? 'zh-CN';
    if (err instanceof AppError) {
      if (err.status >= 500) logFailure(req, (err as { cause?: unknown }).cause ?? err, err.code, toStderr);
      return send(reply, lang, err.status, err.code, err.params, err.fields, err.detail);
    }
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
      logFailure(req, err, 'query timed out', toStderr);
      return send(reply, lang, 503, 'DB_TIMEOUT');
    }
    if (isDatabaseUnreachable(err)) {
      logFailure(req, err, 'database unreachable', toStderr);
      return send(reply, lang, 503, 'DB_UNAVAILABLE');
    }
    if (err.statusCode === 413 || pgCode === 'FST_REQ_FILE_TOO_LARGE') return send(reply, lang, 413, 'PAYLOAD_TOO_LARGE');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(reply, lang, err.statusCode, 'BAD_REQUEST');
    logFailure(req, err, 'unhandled error', toStderr);
    return send(reply, lang, 500, 'INTERNAL');
  });

}

export function notFound(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, req.lang ?? 'zh-CN', 404, 'ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] });
}
