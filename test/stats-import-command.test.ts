// `kitap stats import-log` as an office runs it: a gzipped combined log and a mapping file, imported twice.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { LocalFileStore } from '../src/files/store.ts';
import { usageTotals } from '../src/store/stats-reports.ts';
import type { TestApp } from './helpers.ts';
import { EXPECTED, makeStatsCatalogue, OLD_ADDRESS, syntheticLog } from './stats-helpers.ts';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-stats-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function kitap(args: string[]) {
  try {
    const { stdout, stderr } = await run('node', [path.resolve('bin/kitap.js'), ...args], {
      env: { ...process.env, DATA_DIR: tmp, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('import-log reads a gzipped log with a mapping file, and a second import counts nothing twice', async () => {
  let db = await openDb({ pgliteDir: path.join(tmp, 'pglite') });
  await migrate(db);
  const c = await makeStatsCatalogue({
    db,
    deps: { files: new LocalFileStore(path.join(tmp, 'files')) },
  } as unknown as TestApp);
  await db.close();
  const log = path.join(tmp, 'access.log.1.gz');
  fs.writeFileSync(log, gzipSync(`${syntheticLog(c).join('\n')}\n`));
  const map = path.join(tmp, 'old-urls.txt');
  fs.writeFileSync(map, `${OLD_ADDRESS} /publications/beta/files/${c.b1}/beta.pdf\n`);

  const first = await kitap(['stats', 'import-log', log, '--map', map]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /27 lines, 19 counted requests \(18 new\), 3 by robots, 4 other, 1 not understood/);
  const second = await kitap(['stats', 'import-log', log, '--map', map]);
  assert.match(second.stdout, /\(0 new\)/);

  db = await openDb({ pgliteDir: path.join(tmp, 'pglite') });
  const totals = await usageTotals(db, { from: '2024-03-05', to: '2024-03-05' });
  await db.close();
  assert.deepEqual(totals, EXPECTED.total);

  const bad = await kitap(['stats', 'import-log']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /expected at least one log FILE/);
  const badMap = path.join(tmp, 'bad-map.txt');
  fs.writeFileSync(badMap, '/old/x.pdf /about\n');
  const mapped = await kitap(['stats', 'import-log', log, '--map', badMap]);
  assert.equal(mapped.code, 1);
  assert.match(mapped.stderr, /mapping line 1: expected "OLD-ADDRESS NEW-ADDRESS"/);
});
