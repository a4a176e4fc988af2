// The boot script: a small classic script, first in index.html's <head>, that starts at once what
// the app would otherwise ask for only after its ~1 MB of JavaScript has loaded and run:
//   - GET /api/v1/auth/me (every page asks who is signed in), taken by api/client.ts;
//   - for the few pages that declare it (route-table.ts `boot`), the data of their first render,
//     as soon as /auth/me has answered, also taken by api/client.ts;
//   - the files of the page opened (its chunk, the signed-in frame and their imports), as
//     <link rel="modulepreload"> / <link rel="preload" as="style">, so a bookmarked or reloaded
//     page loads them side by side with the first chunk instead of after it.
// Built by the Vite plugin below from route-table.ts and the bundle: the file names are hashed, so
// the script is too (assets/boot-HASH.js, cached like every asset). A classic script file, not an
// inline one, because the Content-Security-Policy allows only scripts of our own origin.
import crypto from 'node:crypto';
import path from 'node:path';

/** Every file a chunk needs before it can run: itself, its static imports and their CSS. */
function closure(chunk, bundle, into = new Set()) {
  if (!chunk || into.has(chunk.fileName)) return into;
  into.add(chunk.fileName);
  for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
  for (const name of chunk.imports) closure(bundle[name], bundle, into);
  return into;
}

/**
 * The script's source: `files` the hashed file names, `routes` [pattern, indices into files,
 * boot requests] in route-table order; exact paths are tried before patterns with :params (as
 * findRoute does).
 */
export function bootSource(files, routes) {
  return `// kechuang boot script: built by scripts/boot-script.mjs
(function () {
  var F = ${JSON.stringify(files)};
  var R = ${JSON.stringify(routes)};
  var language = 'zh-CN';
  try { if (localStorage.getItem('kechuang.lang') === 'en') language = 'en'; } catch (e) { /* no storage */ }
  var me = fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { 'Accept-Language': language, Accept: 'application/json' } });
  me['catch'](function () { /* the app asks again and reports it */ });
  // ready: settled once the page's data requests (if any) are started, so that the app, asking
  // for the same data at the same moment, waits for them instead of asking twice
  var boot = window.__kechuangBoot = { language: language, requests: { '/auth/me': me }, ready: null };

  var path = location.pathname.replace(/\\/+$/, '') || '/';
  function matches(pattern) {
    var want = pattern.split('/'), have = path.split('/');
    if (want.length !== have.length) return false;
    for (var i = 0; i < want.length; i++) {
      if (want[i].charAt(0) === ':' ? have[i] === '' : want[i] !== have[i]) return false;
    }
    return true;
  }
  var route = null, i;
  for (i = 0; i < R.length && !route; i++) if (R[i][0] === path) route = R[i];
  for (i = 0; i < R.length && !route; i++) if (R[i][0].indexOf(':') >= 0 && matches(R[i][0])) route = R[i];
  if (!route) return;
  if (route[2].length) {
    boot.ready = me.then(function (response) { return response.ok ? response.clone().json() : null; }).then(function (body) {
      var user = body && body.user;
      if (!user || user.mustChangePassword) return;
      var values = { regionCode: user.regionCode, year: String(new Date().getFullYear()) };
      for (var j = 0; j < route[2].length; j++) {
        var missing = false;
        var request = route[2][j].replace(/\\{(\\w+)\\}/g, function (_, name) {
          if (values[name] == null) missing = true;
          return encodeURIComponent(values[name]);
        });
        if (missing) continue;
        boot.requests[request] = fetch('/api/v1' + request, { credentials: 'same-origin', headers: { 'Accept-Language': language, Accept: 'application/json' } });
        boot.requests[request]['catch'](function () { /* the app asks again */ });
      }
    })['catch'](function () { /* the app asks again */ });
  }
  for (i = 0; i < route[1].length; i++) {
    var file = F[route[1][i]], link = document.createElement('link');
    if (/\\.css$/.test(file)) { link.rel = 'preload'; link.as = 'style'; } else { link.rel = 'modulepreload'; link.crossOrigin = ''; }
    link.href = '/' + file;
    document.head.appendChild(link);
  }
})();
`;
}

/**
 * Vite plugin: after the bundle is complete, writes assets/boot-HASH.js and puts it first in
 * index.html. `appRoutes` / `portalRoutes`: [{ path, page }] of route-table.ts; `layout`: the
 * signed-in frame's module (relative to `root`/pages' parent, without extension).
 */
export function bootScriptPlugin({ root, appRoutes, portalRoutes, layout }) {
  // appRoutes: [{ path, page, boot? }]
  return {
    name: 'kechuang-boot-script',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      const byModule = new Map(chunks.filter((c) => c.facadeModuleId).map((c) => [c.facadeModuleId, c]));
      const chunkOf = (relative) => {
        const chunk = byModule.get(path.join(root, `${relative}.tsx`));
        if (!chunk) this.error(`boot script: no chunk for ${relative}.tsx (is it still loaded lazily?)`);
        return chunk;
      };
      // the entry and what it imports are in index.html already
      const entry = new Set();
      for (const chunk of chunks.filter((c) => c.isEntry)) closure(chunk, bundle, entry);
      const frame = closure(chunkOf(layout), bundle);

      const files = [];
      const indexOf = (file) => (files.includes(file) ? files.indexOf(file) : files.push(file) - 1);
      const routeFiles = (needed) => [...needed].filter((file) => !entry.has(file)).map(indexOf);
      const routes = [
        ...appRoutes.map((r) => [r.path, routeFiles(new Set([...frame, ...closure(chunkOf(`pages/${r.page}`), bundle)])), r.boot ?? []]),
        ...portalRoutes.map((r) => [r.path, routeFiles(closure(chunkOf(`pages/${r.page}`), bundle)), []]),
      ];

      const source = bootSource(files, routes);
      const hash = crypto.createHash('sha256').update(source).digest('base64url').slice(0, 8);
      const fileName = `assets/boot-${hash}.js`;
      this.emitFile({ type: 'asset', fileName, source });

      const html = bundle['index.html'];
      if (!html || html.type !== 'asset') this.error('boot script: index.html is not in the bundle yet');
      const text = String(html.source);
      // right after <meta charset>, which must come first
      const at = /<meta charset[^>]*>/i.exec(text) ?? /<head>/i.exec(text);
      if (!at) this.error('boot script: index.html has no <head>');
      const end = at.index + at[0].length;
      html.source = `${text.slice(0, end)}\n    <script async src="/${fileName}"></script>${text.slice(end)}`;
    },
  };
}
