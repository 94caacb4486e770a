import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCatalogue } from '../demo/load.ts';
import { wordsOf, isStopword } from './normalize.ts';
import { thesaurus } from './thesaurus.ts';

const words = (q: string) => wordsOf(q).filter((w) => !isStopword(w));

test('the thesaurus is valid, large enough, and labelled in en, ru, kk and ky', () => {
  const th = thesaurus();
  assert.ok(th.concepts.length >= 150, `${th.concepts.length} concepts`);
  for (const c of th.concepts)
    for (const l of ['en', 'ru', 'kk', 'ky'] as const) assert.ok(c[l].length > 0, `${c.id} ${l}`);
});

test('every topic of the demo catalogue is a concept with the same labels', () => {
  const th = thesaurus();
  for (const topic of readCatalogue().topics) {
    const c = th.byId.get(topic.slug);
    assert.ok(c, topic.slug);
    for (const [lang, label] of Object.entries(topic.label))
      assert.ok(c[lang as 'en'].includes(label!), `${topic.slug} ${lang}: ${label}`);
  }
});

test('query words match labels in any language and inflection', () => {
  const th = thesaurus();
  const cases: Array<[string, string[]]> = [
    ['labour migration', ['labour-migration']],
    ['трудовой миграции', ['labour-migration']],
    ['еңбек көші-қоны', ['labour-migration']],
    ['торговли людьми Казахстан', ['trafficking-in-persons', 'kazakhstan']],
    ['адам саудасы', ['trafficking-in-persons']],
    ['адам сатуу', ['trafficking-in-persons']],
    ['migrants rights', ['migrants-rights']],
    ['мигранттардың құқықтары', ['migrants-rights']],
    ['the health of children', ['health', 'children-and-youth']],
    ['Қазақстандағы', ['kazakhstan']],
    ['qwerty', []],
  ];
  for (const [q, ids] of cases) {
    const found = th.match(words(q)).map((m) => m.concepts.map((c) => c.id));
    assert.deepEqual(
      found.map((f) => f.find((id) => ids.includes(id)) ?? f[0]),
      ids,
      `${q}: ${JSON.stringify(found)}`,
    );
  }
});
