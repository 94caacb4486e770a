// `kitap import-page` as a user runs it: a child process, its exit code, stdout and stderr.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): string => path.join('test/fixtures/import-page', name);
// Through bin/kitap.js once src/main.ts lists the command; until then through the command module itself.
const listed =
  fs.existsSync(path.join(root, 'src/main.ts')) &&
  /import-page/.test(fs.readFileSync(path.join(root, 'src/main.ts'), 'utf8'));
const entry = listed
  ? ['bin/kitap.js', 'import-page']
  : [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "import { command } from './src/import-page/command.ts'; process.exitCode = await command.run(process.argv.slice(1));",
      '--',
    ];

function kitap(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FIELDS = [
  'key',
  'title',
  'subtitle',
  'kind',
  'year',
  'pages',
  'format',
  'languages',
  'authors',
  'publishers',
  'funders',
  'partners',
  'project',
  'series',
  'relations',
  'has_download',
  'external_url',
  'for_sale',
  'contact_phone',
  'topics',
  'countries',
  'description',
  'ligature_repairs',
  'source_lines',
  'confidence',
  'field_confidence',
];

describe('kitap import-page', () => {
  test('--help prints the usage and exits 0', () => {
    const r = kitap(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /kitap import-page FILE \[--dry-run\] \[--json\] \[--publish\]/);
  });

  test('--dry-run --json prints the records as JSON and the report on stderr', () => {
    const r = kitap([fixture('layouts.txt'), '--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const records = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(records.length, 11);
    for (const f of FIELDS) assert.ok(f in records[0]!, `field ${f}`);
    assert.match(r.stderr, /11 publications from 63 non-empty lines/);
    assert.match(r.stderr, /line 5: "e ort" → "effort" \(lost ligature\)/);
    assert.match(r.stderr, /Duplicates merged \(2\)/);
    assert.match(r.stderr, /line 10: "Email:This email address .*spam protection/);
  });

  test('--dry-run without --json lists the records readably', () => {
    const r = kitap([fixture('joomla.html'), '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^migrant-workers-rights-in-kazakhstan-2018\n {4}Migrant Workers’ Rights in Kazakhstan: A Practical Guide\n {4}guidelines, 2018, 52 p\., kk\/ru\/en, download/m,
    );
  });

  const bad: Array<[string, RegExp]> = [
    ['empty.txt', /empty\.txt is empty/],
    ['binary.png', /binary\.png looks like a binary file/],
    ['windows-1251.txt', /windows-1251\.txt is not UTF-8 text: it is Windows-1251 \(Cyrillic\)/],
    ['latin-1.txt', /latin-1\.txt is not UTF-8 text \(an invalid byte near offset 1[78]\); convert it to UTF-8 first/],
    ['no-publications.txt', /no-publications\.txt: no publication found/],
    ['missing.txt', /missing\.txt: no such file/],
  ];
  for (const [file, message] of bad) {
    test(`bad input ${file}: a clear error, exit 1, no stack trace`, () => {
      const r = kitap([fixture(file), '--dry-run', '--json']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, '');
    });
  }

  test('wrong arguments: exit 2 with the usage', () => {
    const r = kitap(['--frobnicate', fixture('layouts.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option: --frobnicate/);
  });

  test('writes drafts to the catalogue; a second run creates nothing new; bad input writes nothing', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitap-import-'));
    try {
      const env = { DATA_DIR: dataDir, LOAD_DEMO: 'never' };
      const first = kitap([fixture('layouts.txt')], env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^11 created, 0 unchanged, 0 changed/);
      assert.match(first.stderr, /\[1\/11\] labour-migration-outlook-for-central-asia-2019: created \(draft\)/);
      const second = kitap([fixture('layouts.txt')], env);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /^0 created, 11 unchanged, 0 changed/);
      const broken = kitap([fixture('empty.txt')], env);
      assert.equal(broken.code, 1);
      const third = kitap([fixture('layouts.txt'), '--dry-run'], env);
      assert.equal(third.code, 0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
