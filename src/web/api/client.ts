// The one fetch wrapper of the web app: JSON in and out, CSRF double-submit header,
// Accept-Language following the UI language, errors turned into ApiError.
import i18n from '../i18n';
import type { ImportRowError, ListQuery } from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: Record<string, string>;
  readonly rows?: ImportRowError[];

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, rows?: ImportRowError[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.rows = rows;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Listener = (error: ApiError) => void;
let onUnauthorized: Listener | null = null;
let onPasswordChangeRequired: Listener | null = null;

/** The app registers what to do when the session is gone or a password change is forced. */
export function setSessionHandlers(handlers: { unauthorized: Listener; passwordChangeRequired: Listener }) {
  onUnauthorized = handlers.unauthorized;
  onPasswordChangeRequired = handlers.passwordChangeRequired;
}

/** Endpoints whose 401 is an answer for the caller, not a lost session. */
const AUTH_PROBES = ['/auth/login', '/auth/me', '/auth/logout'];

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function csrfToken(): Promise<string> {
  let token = readCookie('XSRF-TOKEN');
  if (!token) {
    await fetch(`${API_BASE}/health`, { credentials: 'same-origin', headers: { 'Accept-Language': uiLanguage() } });
    token = readCookie('XSRF-TOKEN');
  }
  return token ?? '';
}

export function uiLanguage(): string {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function buildQuery(query?: ListQuery): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to a generic error
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      (error.fields as Record<string, string> | undefined) ?? undefined,
      (error.rows as ImportRowError[] | undefined) ?? undefined,
    );
  }
  return new ApiError(response.status, `HTTP_${response.status}`, i18n.t('error.http', { status: response.status }));
}

export interface RequestOptions {
  query?: ListQuery;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/**
 * Requests the boot script (scripts/boot-script.mjs, first in index.html) started before the app's
 * scripts had loaded, by API path and query: each is used once, by the first request of the same path and
 * language; later requests go to the network.
 */
declare global {
  interface Window {
    __kechuangBoot?: { language: string; requests: Record<string, Promise<Response> | undefined>; ready: Promise<void> | null };
  }
}

function forgetBootRequests() {
  const boot = typeof window === 'undefined' ? undefined : window.__kechuangBoot;
  if (boot) boot.requests = {};
}

async function takeBootRequest(pathAndQuery: string): Promise<Response | undefined> {
  const boot = typeof window === 'undefined' ? undefined : window.__kechuangBoot;
  if (!boot) return undefined;
  // the page's data requests start once /auth/me has answered: wait for that rather than ask twice
  if (boot.ready && pathAndQuery !== '/auth/me') await boot.ready;
  const early = boot.language === uiLanguage() ? boot.requests[pathAndQuery] : undefined;
  delete boot.requests[pathAndQuery];
  return early;
}

/** Sends one request and returns the parsed JSON body (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': uiLanguage(), Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    headers['X-XSRF-TOKEN'] = await csrfToken();
    // a change (a sign-in or sign-out among them) makes answers fetched before it stale
    forgetBootRequests();
  }

  // a GET the boot script started while the page's scripts were loading is answered from there
  let response: Response;
  try {
    const early = method === 'GET' ? await takeBootRequest(`${path}${buildQuery(options.query)}`) : undefined;
    response = early ?? (await fetch(`${API_BASE}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    }));
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('error.network'));
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !AUTH_PROBES.includes(path)) onUnauthorized?.(error);
    if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: ListQuery) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Downloads a file (Excel export, template) with the session, UI language and the list's query. */
export async function download(path: string, query: ListQuery | undefined, fallbackName: string): Promise<void> {
  const response = await fetch(`${API_BASE}${path}${buildQuery(query)}`, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': uiLanguage() },
  });
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401) onUnauthorized?.(error);
    throw error;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filenameFrom(response.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
