import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalPath } from './canonical.ts';

test('addresses people type lead to the one address of the page', () => {
  const cases: Array<[string, string | null]> = [
    ['/', null],
    ['/publications', null],
    ['/ru', null],
    ['/ru/', '/ru'],
    ['/kk/', '/kk'],
    ['/publications/', '/publications'],
    ['/publications/labour-migration/', '/publications/labour-migration'],
    ['/publications/Labour-Migration', '/publications/labour-migration'],
    ['/RU/publications', '/ru/publications'],
    ['/en', '/'],
    ['/en/', '/'],
    ['/en/publications?x', '/publications?x'],
    ['/kz', '/kk'],
    ['/kz/publications/abc', '/kk/publications/abc'],
    ['/search', '/publications'],
    ['/ru/search', '/ru/publications'],
    ['/topics/Health//', '/topics/health'],
    // A file's name keeps its case; only the slug is folded.
    ['/publications/ABC/files/3/Report.PDF', '/publications/abc/files/3/Report.PDF'],
    ['/publications/abc/files/3/Report.PDF', null],
    // Not a language: left alone.
    ['/oai', null],
    ['/xy/publications', null],
  ];
  for (const [path, want] of cases) assert.equal(canonicalPath(path), want, path);
});
