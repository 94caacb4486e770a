// The static baselines: the very bytes Kitap answered for an item page, with its headers, served by a bare
// node:http server (issue 16: a popular item page at half its rate) and by nginx as a file (issue 2's bar).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopChild, waitReady } from './server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Headers a server writes itself, per connection or per response: not copied into the baseline's. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** One response as a browser asking for gzip receives it: body bytes and every header but OWN_HEADERS. */
export function fetchRaw(url: string): Promise<{ body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url}: status ${res.statusCode}`));
          const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
          for (const [name, value] of Object.entries(res.headers)) {
            if (OWN_HEADERS.has(name) || value === undefined) continue;
            headers[
              name === 'content-type' ? 'Content-Type' : name === 'content-encoding' ? 'Content-Encoding' : name
            ] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ body: Buffer.concat(chunks), headers });
        });
      })
      .on('error', reject);
  });
}

/** The nginx binary, or null when nginx is not installed. */
export function nginxPath(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']) {
    const p = path.join(dir, 'nginx');
    if (dir && fs.existsSync(p)) return p;
  }
  return null;
}

function nginxConf(dir: string, port: number, headers: Record<string, string>): string {
  // Every header but the type (nginx's own default_type); a value with "$" (an nginx variable) cannot be written.
  const encoding = Object.entries(headers)
    .filter(([name, value]) => name !== 'Content-Type' && !value.includes('$'))
    .map(([name, value]) => `add_header ${name} "${value.replace(/[\\"]/g, '\\$&')}";`)
    .join(' ');
  return `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn; user root;
events { worker_connections 512; }
http {
  access_log off; keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server {
    listen 127.0.0.1:${port};
    location = /item { alias ${dir}/item; etag off; default_type "${headers['Content-Type']}"; ${encoding} }
  }
}
`;
}

export interface Baseline {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Serves body with headers at the returned url: by nginx when present (or asked for), else by bench/static-server.ts. */
export async function startBaseline(
  body: Buffer,
  headers: Record<string, string>,
  server: 'auto' | 'nginx' | 'node' = 'auto',
): Promise<Baseline> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-bench-static-'));
  fs.writeFileSync(path.join(dir, 'item'), body);
  const port = await freePort();
  const nginx = server === 'node' ? null : nginxPath();
  if (server === 'nginx' && !nginx)
    throw new Error('--static nginx: nginx is not installed (apt-get install nginx-light)');
  let child;
  let name: string;
  if (nginx) {
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, port, headers));
    fs.mkdirSync(path.join(dir, 'tmp'));
    name = `nginx ${spawnSync(nginx, ['-v'], { encoding: 'utf8' })
      .stderr.trim()
      .replace(/^nginx version: nginx\//, '')} (static file, worker_processes auto)`;
    child = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } else {
    name = 'node:http, the bytes from memory (bench/static-server.ts)';
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'bench/static-server.ts'),
        path.join(dir, 'item'),
        JSON.stringify(headers),
        String(port),
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  }
  let output = '';
  child.stderr!.on('data', (b: Buffer) => {
    output += b.toString();
  });
  const url = `http://127.0.0.1:${port}/item`;
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, 20_000, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, url, stop };
}
