// `kitap token add|list|revoke`: API tokens for programs that add files through /api/v1.
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli/command.ts';
import { openRuntime } from '../runtime.ts';
import { apiTokenById, apiTokens, createApiToken, revokeApiToken, type ApiToken } from '../store/api-tokens.ts';
import { userWithHashByEmail } from '../store/users.ts';
import { apiTokenInput, TOKEN_DAYS_MAX, TOKEN_NAME_MAX } from '../domain/api-token.ts';

const usage = `kitap token add --user EMAIL --name NAME [--days N]
kitap token list [--user EMAIL]
kitap token revoke ID

  add     makes an API token for the staff account EMAIL and prints it, once: only its hash is kept.
          A program sends it as "Authorization: Bearer TOKEN" and acts with that account's role; a
          disabled account's tokens stop working. NAME says what it is for (at most ${TOKEN_NAME_MAX} characters);
          --days N makes it expire after N days (at most ${TOKEN_DAYS_MAX}), else it lasts until revoked.
  list    lists the tokens (all, or one account's): id, account, name, made, last used, expiry, state.
  revoke  stops a token at once, for good.`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : 'never');

/** One token as a line of `kitap token list`. */
function line(t: ApiToken): string {
  return [
    t.id,
    t.email,
    t.name,
    `made ${day(t.created_at)}`,
    `used ${day(t.last_used_at)}`,
    t.expires_at ? `expires ${day(t.expires_at)}` : 'no expiry',
    t.state,
  ].join('\t');
}

export const tokenCommand: Command = {
  name: 'token',
  summary: 'make, list and revoke API tokens of staff accounts',
  usage,
  async run(args) {
    const {
      positionals: [action, ...rest],
      values,
    } = options(args);
    if (!action || !['add', 'list', 'revoke'].includes(action))
      throw new UsageError(action ? `unknown action "${action}"` : 'expected add, list or revoke');
    if (action === 'revoke' ? rest.length !== 1 || !/^\d{1,9}$/.test(rest[0]!) : rest.length)
      throw new UsageError(
        action === 'revoke' ? 'give the id of one token (see kitap token list)' : `unexpected argument: ${rest[0]}`,
      );
    const input = action === 'add' ? apiTokenInput.safeParse({ name: values.name ?? '', days: values.days }) : null;
    if (input) {
      if (!values.user) throw new UsageError('--user is required');
      if (!input.success) {
        throw new UsageError(
          input.error.issues[0]!.path[0] === 'name'
            ? `--name must have 1 to ${TOKEN_NAME_MAX} characters`
            : `--days must be a whole number from 1 to ${TOKEN_DAYS_MAX}`,
        );
      }
    }
    const { db } = await openRuntime();
    try {
      const user = values.user ? await userWithHashByEmail(db, values.user) : null;
      if (values.user && !user) throw new Error(`no account with the address ${values.user}`);
      if (action === 'list') {
        for (const t of await apiTokens(db, user?.id ?? null)) process.stdout.write(`${line(t)}\n`);
        return 0;
      }
      if (action === 'revoke') {
        const id = Number(rest[0]);
        const token = await apiTokenById(db, id);
        if (!token) throw new Error(`no token ${id}`);
        if (!(await revokeApiToken(db, id, null))) throw new Error(`token ${id} was revoked already`);
        process.stdout.write(`revoked token ${id} (${token.name}, ${token.email})\n`);
        return 0;
      }
      if (user!.disabled) throw new Error(`the account ${user!.email} is disabled`);
      const { name, days } = input!.data!;
      const { token, row } = await createApiToken(db, user!.id, name, days);
      // The token alone on standard output, so that TOKEN=$(kitap token add …) works; the note on standard error.
      process.stderr.write(
        `token ${row.id} "${row.name}" for ${row.email} (${user!.role})${row.expires_at ? `, expires ${day(row.expires_at)} UTC` : ''}; it is shown only now:\n`,
      );
      process.stdout.write(`${token}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
