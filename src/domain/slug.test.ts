import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.ts';

test('slugify makes readable ASCII slugs from any script', () => {
  const cases: Array<[string, string]> = [
    ['Migrants’ Right to Health in Central Asia', 'migrants-right-to-health-in-central-asia'],
    ['HANDBOOK ON MIGRATION TERMINOLOGY (Russian-English)', 'handbook-on-migration-terminology-russian-english'],
    ['Трудовая миграция', 'trudovaia-migratsiia'],
    ['Еңбек көші-қоны', 'enbek-koshi-qony'],
    ['Café — naïve', 'cafe-naive'],
    ['<script>', 'script'],
    ['!!!', 'item'],
  ];
  for (const [input, expected] of cases) assert.equal(slugify(input), expected, input);
});

test('slugify cuts at a word boundary', () => {
  const s = slugify('Analysis of Institutional and Legal Frameworks and Overview of Cooperation Patterns', 40);
  assert.ok(s.length <= 40, s);
  assert.ok(!s.endsWith('-'), s);
  assert.equal(s, 'analysis-of-institutional-and-legal');
});
