// The command line: `kitap <command> [options]`. Each command lives beside its capability.
import { exportCommand } from './archive/command.ts';
import { backupCommand, fixityCommand, restoreCommand } from './backup/command.ts';
import { userCommand } from './auth/command.ts';
import { tokenCommand } from './auth/token-command.ts';
import { type Command, UsageError } from './cli/command.ts';
import { ConfigError, describeSettings } from './config.ts';
import { DbLockedError } from './db/db.ts';
import { migrateCommand } from './db/command.ts';
import { demoCommand, loadDemoCommand } from './demo/command.ts';
import { command as importPageCommand } from './import-page/command.ts';
import { harvestCommand, importCommand } from './import-sources/command.ts';
import { filesCommand } from './files/command.ts';
import { command as ingestCommand } from './ingest/command.ts';
import { doctorCommand } from './ops/doctor.ts';
import { serveCommand } from './server.ts';
import { statsCommand } from './stats/command.ts';

const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  loadDemoCommand,
  demoCommand,
  importPageCommand,
  importCommand,
  harvestCommand,
  ingestCommand,
  exportCommand,
  restoreCommand,
  backupCommand,
  fixityCommand,
  filesCommand,
  userCommand,
  tokenCommand,
  doctorCommand,
  statsCommand,
];

function help(): string {
  return `Kitap: a multilingual publications library.

Usage: kitap <command> [options]     (kitap <command> --help for more)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`).join('\n')}

Environment:
${describeSettings()}`;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`kitap: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`kitap ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof DbLockedError) {
      process.stderr.write(`kitap ${name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`kitap ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
