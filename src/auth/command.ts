// `kitap user add|link|list`: staff accounts from the command line (the first admin starts here).
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli/command.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { openRuntime } from '../runtime.ts';
import { createUser, userWithHashByEmail, users } from '../store/users.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from './password.ts';
import { SETUP_LINK_HOURS, setupLink } from './setup-link.ts';

const usage = `kitap user add --email E --role R [--name N] [--password-stdin]
kitap user link --email E
kitap user list

  add     creates a staff account. R is admin (everything, accounts), editor (edits and publishes)
          or contributor (creates and edits drafts, cannot publish). With --password-stdin the
          password is read from standard input (at least ${PASSWORD_MIN} characters); without it a one-time
          link to choose one is printed, valid ${SETUP_LINK_HOURS} hours.
  link    prints a new one-time link for an account (a forgotten password); older links stop working.
  list    lists the accounts.

Links start with PUBLIC_URL (else http://localhost:PORT).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export const userCommand: Command = {
  name: 'user',
  summary: 'add a staff account, print a password link, list accounts',
  usage,
  async run(args) {
    const {
      positionals: [action, ...extra],
      values,
    } = options(args);
    if (!action || !['add', 'link', 'list'].includes(action) || extra.length)
      throw new UsageError(action ? `unknown action "${[action, ...extra].join(' ')}"` : 'expected add, link or list');
    if (action !== 'list' && !values.email) throw new UsageError('--email is required');
    if (action === 'add' && !ROLES.includes(values.role as Role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const password = values['password-stdin'] ? await readStdin() : null;
    if (password !== null && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) {
      throw new UsageError(`the password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
    }
    const { db, config } = await openRuntime();
    try {
      const origin = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
      if (action === 'list') {
        for (const u of await users(db))
          process.stdout.write(`${u.email}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
        return 0;
      }
      if (action === 'link') {
        const user = await userWithHashByEmail(db, values.email!);
        if (!user) throw new Error(`no account with the address ${values.email}`);
        process.stdout.write(`${await setupLink(db, user.id, origin)}\n`);
        return 0;
      }
      const passwordHash = password === null ? null : await hashPassword(password, config.SCRYPT_COST);
      const user = await createUser(db, {
        email: values.email!,
        role: values.role as Role,
        name: values.name ?? null,
        passwordHash,
      });
      if (!user) throw new Error(`an account with the address ${values.email} exists already`);
      process.stdout.write(`created ${user.role} ${user.email}\n`);
      if (!passwordHash)
        process.stdout.write(
          `to choose a password, open within ${SETUP_LINK_HOURS} hours: ${await setupLink(db, user.id, origin)}\n`,
        );
      return 0;
    } finally {
      await db.close();
    }
  },
};
