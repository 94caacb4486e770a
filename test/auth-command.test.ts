// `kitap user add` as an operator runs it: the first admin with a password from standard input, an
// account with a one-time setup link, and wrong arguments refused with the usage.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/db.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { createLogger } from '../src/log.ts';
import { formBody, ORIGIN } from './staff-helpers.ts';
import { runKitap } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-user-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const env = { DATA_DIR: tmp, SCRYPT_COST: '1024', LOG_LEVEL: 'warn', PUBLIC_URL: 'https://library.example' };

const kitap = (args: string[], stdin = '') => runKitap(args, { env, stdin });

test('kitap user add: with --password-stdin, with a setup link, and refusing wrong arguments', async () => {
  const first = await kitap(
    ['user', 'add', '--email', 'Boss@Library.example', '--role', 'admin', '--password-stdin'],
    'a long admin password\n',
  );
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /created admin boss@library\.example/);
  assert.doesNotMatch(first.stdout, /setup/);

  const second = await kitap(['user', 'add', '--email', 'helper@library.example', '--role', 'contributor']);
  assert.equal(second.code, 0, second.stderr);
  const link = /https:\/\/library\.example\/setup\/[\w-]+/.exec(second.stdout)?.[0];
  assert.ok(link, second.stdout);

  const again = await kitap(['user', 'add', '--email', 'helper@library.example', '--role', 'editor']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /exists already/);
  const wrong = await kitap(['user', 'add', '--email', 'x@library.example', '--role', 'boss']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--role must be one of admin, editor, contributor/);
  assert.match(wrong.stderr, /kitap user add --email E --role R/);

  const config = loadConfig(env);
  const db = await openDb({ pgliteDir: config.pgliteDir });
  try {
    const app = buildApp({ db, config, log: createLogger('silent'), files: new LocalFileStore(config.filesDir) });
    const ok = await app.request('/login', {
      method: 'POST',
      body: formBody({ email: 'boss@library.example', password: 'a long admin password' }),
      headers: { Origin: ORIGIN },
    });
    assert.equal(ok.status, 303);
    const setup = await app.request(new URL(link!).pathname);
    assert.equal(setup.status, 200);
    assert.match(await setup.text(), /helper@library\.example/);
  } finally {
    await db.close();
  }
});
