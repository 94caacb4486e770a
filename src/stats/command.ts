// `kitap stats import-log FILE… [--map MAPPING]`: the old site's access logs into the usage statistics.
import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { UsageError, type Command } from '../cli/command.ts';
import { openRuntime } from '../runtime.ts';
import { parseMapping } from './access-log.ts';
import { importAccessLog } from './import-log.ts';

/** The lines of a log file, gunzipped when it starts with gzip's magic bytes. */
async function* logLines(file: string): AsyncGenerator<string> {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  const raw = fs.createReadStream(file);
  const input = head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
  yield* readline.createInterface({ input, crlfDelay: Infinity });
}

export const statsCommand: Command = {
  name: 'stats',
  summary: "usage statistics: import-log reads the old site's access logs",
  usage: `kitap stats import-log FILE… [--map MAPPING]

Counts the item pages and file downloads in web-server access logs (the combined log format of Apache and
nginx, plain or gzipped) by the same COUNTER rules as live reading, with the log's own timestamps: robots
left out, double clicks counted once, byte ranges of one download once. MAPPING is a text file of
"OLD-ADDRESS NEW-ADDRESS" lines that sends the old site's addresses to item pages (/publications/SLUG) or
files (/publications/SLUG/files/ID/NAME). Importing the same lines again counts nothing twice.`,
  async run(args) {
    if (args[0] !== 'import-log') throw new UsageError('expected "import-log"');
    const files: string[] = [];
    let mapFile: string | null = null;
    for (let i = 1; i < args.length; i++) {
      if (args[i] === '--map') mapFile = args[++i] ?? null;
      else if (args[i]!.startsWith('-')) throw new UsageError(`unknown option ${args[i]}`);
      else files.push(args[i]!);
    }
    if (!files.length) throw new UsageError('expected at least one log FILE');
    for (const f of [...files, ...(mapFile ? [mapFile] : [])])
      if (!fs.existsSync(f)) throw new UsageError(`no such file: ${f}`);
    const mapping = mapFile ? parseMapping(fs.readFileSync(mapFile, 'utf8')) : new Map<string, string>();
    const { db } = await openRuntime();
    try {
      for (const file of files) {
        const r = await importAccessLog(db, logLines(file), mapping);
        process.stdout.write(
          `${file}: ${r.lines} lines, ${r.events} counted requests (${r.written} new), ${r.robots} by robots, ${r.other} other, ${r.malformed} not understood\n`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
