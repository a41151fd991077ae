/**
 * A plain static file server, like the hosts the site is deployed on: serves a built folder, under an
 * optional base path, with the folder's 404.html for anything missing. Used by the e2e tests (so they
 * test the real files, not a dev server) and handy for checking a copied folder offline.
 *
 *   node scripts/serve.ts [dir=dist] [--port 4321] [--base /sub/]
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream', '.pf_fragment': 'application/octet-stream', '.pf_index': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

export function startServer(root: string, port: number, base = '/') {
  const dir = resolve(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      path = '/\u0000invalid';
    }
    const send = async (file: string, status = 200) => {
      const body = await readFile(file);
      res.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    };
    const notFound = () => send(join(dir, '404.html'), 404).catch(() => { res.writeHead(404); res.end('not found'); });
    if (!path.startsWith(prefix) && `${path}/` !== prefix) return notFound();
    if (`${path}/` === prefix) {
      res.writeHead(301, { Location: prefix });
      return res.end();
    }
    const relative = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    if (relative.includes('\u0000')) return notFound();
    const file = join(dir, relative);
    if (!file.startsWith(dir)) return notFound();
    try {
      const info = await stat(file);
      if (info.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { Location: `${path}/` });
          return res.end();
        }
        return await send(join(file, 'index.html'));
      }
      return await send(file);
    } catch {
      return notFound();
    }
  });
  return new Promise<typeof server>((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const port = Number(option('port') ?? 4321);
  const base = option('base') ?? '/';
  const dir = args[0] ?? 'dist';
  await startServer(dir, port, base);
  console.log(`serving ${dir} at http://127.0.0.1:${port}${base}`);
}
