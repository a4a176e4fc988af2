/**
 * A signed-in user over real HTTP (fetch to a listening server), as a browser is: it keeps its
 * cookies and echoes the XSRF-TOKEN cookie on writes. For tests and benchmarks that need many
 * sessions at once on the wire, where `TestClient` (app.inject) would bypass the socket.
 */
export interface HttpAnswer { status: number; body: any; requestId: string | null }

export class HttpSession {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string, readonly label = '') {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    if (method !== 'GET' && !this.cookies.has('XSRF-TOKEN')) await this.send('GET', '/api/v1/health');
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') h['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN') ?? '';
    const isBuffer = Buffer.isBuffer(body);
    if (body !== undefined && !isBuffer && !h['content-type']) h['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method, headers: h, body: body === undefined ? undefined : isBuffer ? new Uint8Array(body as Buffer) : JSON.stringify(body),
    });
    this.remember(res);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
    return { status: res.status, body: parsed, requestId: res.headers.get('x-request-id') };
  }

  get(path: string) { return this.send('GET', path); }
  post(path: string, body: unknown = {}) { return this.send('POST', path, body); }
  put(path: string, body: unknown) { return this.send('PUT', path, body); }
  patch(path: string, body: unknown) { return this.send('PATCH', path, body); }

  /** POST a file as multipart/form-data field "file". */
  upload(path: string, file: Buffer, fileName = 'data.xlsx') {
    const boundary = `----kc${Math.random().toString(36).slice(2)}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.send('POST', path, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  async login(username: string, password: string) {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.user;
  }
}
