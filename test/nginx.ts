// nginx from Debian as a real peer of tests: started on its own configuration in a temporary folder, stopped
// after. Tests skip, saying so, where it is not installed.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** nginx's path, or undefined where it is not installed. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Starts nginx in `tmp` (made readable to its workers, which run as another user) with `http` inside its http
 * block; resolves once it accepts connections on `port`. Stop it with stopNginx.
 */
export async function startNginx(tmp: string, http: string, port: number): Promise<ChildProcess> {
  fs.chmodSync(tmp, 0o755);
  fs.mkdirSync(path.join(tmp, 'temp'));
  fs.chmodSync(path.join(tmp, 'temp'), 0o777);
  const t = (n: string) => path.join(tmp, 'temp', n);
  const log = path.join(tmp, 'error.log');
  fs.writeFileSync(
    path.join(tmp, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${path.join(tmp, 'nginx.pid')};
error_log ${log} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${t('body')}; proxy_temp_path ${t('proxy')}; fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')}; scgi_temp_path ${t('scgi')};
${http}
}
`,
  );
  const args = ['-e', log, '-c', path.join(tmp, 'nginx.conf')];
  const check = spawnSync(NGINX!, ['-t', ...args]);
  assert.equal(check.status, 0, `nginx -t: ${check.stderr}`);
  const nginx = spawn(NGINX!, args, { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return nginx;
    assert.ok(nginx.exitCode === null && i < 600, `nginx did not start: ${fs.readFileSync(log, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function stopNginx(nginx: ChildProcess | null | undefined): Promise<void> {
  if (!nginx || nginx.exitCode !== null || nginx.signalCode !== null) return;
  nginx.kill('SIGTERM');
  await new Promise((r) => nginx.once('exit', r));
}
