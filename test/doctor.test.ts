// `kitap doctor` as an IT person runs it: what is fine, what to fix, and exit code 1 only for a failure.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runKitap } from './helpers.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-doctor-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('kitap doctor', () => {
  test('a new data folder: the database answers, migrations are pending, the file store is writable; PUBLIC_URL unset is a warning', async () => {
    const r = await runKitap(['doctor'], { env: { DATA_DIR: path.join(tmp, 'new'), PUBLIC_URL: '' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK +database +the embedded database in .*answers$/m);
    assert.match(r.stdout, /^WARN +migrations +\d+ pending \(0001_core\.sql.*`kitap migrate`/m);
    assert.match(r.stdout, /^OK +file store +.* is writable$/m);
    assert.match(r.stdout, /^WARN +PUBLIC_URL +unset/m);
    assert.match(r.stdout, /^(OK|WARN) +OCR /m);
  });

  test('after migrate, the migrations are complete; an https PUBLIC_URL without TRUST_PROXY is a warning', async () => {
    const env = { DATA_DIR: path.join(tmp, 'migrated'), PUBLIC_URL: 'https://library.example.org' };
    assert.equal((await runKitap(['migrate'], { env })).code, 0);
    const r = await runKitap(['doctor'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK +migrations +the database has every migration$/m);
    assert.match(r.stdout, /^OK +PUBLIC_URL +https:\/\/library\.example\.org$/m);
    assert.match(r.stdout, /^WARN +TRUST_PROXY /m);
    assert.match(r.stdout, /^WARN +fixity +no check of the stored files yet \(the server checks every 24 hours/m);
    assert.match(r.stdout, /^(OK|WARN) +disk +.* GB free for /m);
    // After a fixity check (issue 16), the doctor says when it ran and what it found.
    assert.equal((await runKitap(['fixity'], { env })).code, 0);
    const after = await runKitap(['doctor'], { env: { ...env, FIXITY_INTERVAL_HOURS: '0' } });
    assert.match(
      after.stdout,
      /^OK +fixity +0 files read back intact on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(FIXITY_INTERVAL_HOURS=0: run `kitap fixity` from cron\)$/m,
    );
  });

  test('an unreachable database server and a file store that cannot be written fail, with exit code 1', async () => {
    const dataDir = path.join(tmp, 'broken');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'files'), 'not a folder');
    const r = await runKitap(['doctor'], {
      env: { DATA_DIR: dataDir, DATABASE_URL: 'postgres://kitap@127.0.0.1:1/kitap' },
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL +database +the PostgreSQL server in DATABASE_URL cannot be opened/m);
    assert.match(r.stdout, /^FAIL +file store +.* is not writable/m);
  });

  test('a bad setting is a failure naming the variable', async () => {
    const r = await runKitap(['doctor'], { env: { DATA_DIR: tmp, PORT: 'eighty' } });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL +settings +PORT: /m);
  });
});
