import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('a bad value stops the start, naming the variable and its meaning', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (err: Error) => err instanceof ConfigError && /^PORT: .*HTTP port.*got "eighty"$/.test(err.message),
  );
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL: .*got "loud"/);
});

test('a secret setting is never echoed, even when it is wrong', () => {
  for (const [name, value] of [
    ['SMTP_URL', 'smtp//mailer:hunter2@mail.example.org'],
    ['DATABASE_URL', 'postgres//kitap:hunter2@db'],
  ]) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (err: Error) =>
        err.message.startsWith(`${name}: `) && !err.message.includes('hunter2') && /not shown/.test(err.message),
    );
  }
});

test('defaults apply and paths are made absolute', () => {
  const c = loadConfig({ DATA_DIR: 'some/dir' });
  assert.equal(c.PORT, 3000);
  assert.ok(c.filesDir.endsWith('some/dir/files') && c.filesDir.startsWith('/'));
});
