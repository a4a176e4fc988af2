// A signed-in API session of its own (cookies and the XSRF token), for the data a spec does not make
// through the UI. Shared by the specs (it was copied in projects.test.ts and market.test.ts).
import assert from 'node:assert/strict';
import { request, type APIRequestContext } from 'playwright-core';
import { DEMO_PASSWORD } from './server';

export class Api {
  private constructor(private readonly ctx: APIRequestContext) {}

  /** Signs in (the demo password unless told); with `newPassword`, changes a forced first password. */
  static async signIn(baseURL: string, username: string, password = DEMO_PASSWORD, newPassword?: string): Promise<Api> {
    const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
    const api = new Api(ctx);
    await ctx.get('/api/v1/health');
    await api.send('POST', '/auth/login', { username, password });
    if (newPassword) await api.send('POST', '/auth/password', { oldPassword: password, newPassword });
    return api;
  }

  /** Sends a request and returns its JSON; fails unless it succeeds (or answers `expected`). */
  async send<T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, expected?: number): Promise<T> {
    const token = (await this.ctx.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
    const response = await this.ctx.fetch(`/api/v1${path}`, { method, data: method === 'GET' ? undefined : body ?? {}, headers: method === 'GET' ? {} : { 'X-XSRF-TOKEN': token } });
    const text = await response.text();
    if (expected !== undefined) assert.equal(response.status(), expected, `${method} ${path}: ${text}`);
    else assert.ok(response.ok(), `${method} ${path} → ${response.status()}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The status a GET answers with. */
  async status(path: string): Promise<number> {
    return (await this.ctx.fetch(`/api/v1${path}`)).status();
  }

  close() { return this.ctx.dispose(); }
}
