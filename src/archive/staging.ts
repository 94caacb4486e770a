// The temporary folder of an export or a restore: private (0700, under the system's temporary folder, named
// with the owner's pid), removed when the work ends, when the process is stopped by SIGINT or SIGTERM, and
// — after a kill -9 — by the next export or restore, which removes the folders of processes no longer alive.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileStore } from '../files/store.ts';
import { isAlive } from '../ops/alive.ts';

/** Runs fn with a new private folder named kitap-<kind>-<pid>-…, which is gone afterwards whatever happens. */
export async function withStaging<T>(kind: 'export' | 'restore', fn: (dir: string) => Promise<T>): Promise<T> {
  const prefix = `kitap-${kind}-`;
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(new RegExp(`^${prefix}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid))
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // Stopped half-way: the folder (the whole catalogue) goes; an open transaction is rolled back by the database.
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.stderr.write(`${kind} stopped by ${signal}: nothing was written\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(dir);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    remove();
  }
}

/**
 * For a restore into an empty catalogue, before it writes: an empty catalogue has no upload or ingest under way
 * (nothing to upload to), so what is in the file store's tmp/ is the partial file of a restore killed half-way
 * (kill -9, a power cut). Its complete files stay: the restore stores them again and finds them there.
 */
export function removePartialWrites(store: FileStore): void {
  fs.rmSync(store.tmpDir, { recursive: true, force: true });
}
