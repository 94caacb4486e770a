import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryLexemes, snippetParts, turkicSnippet } from './snippet.ts';

test('a snippet is cut into parts at the match markers, with no markers left', () => {
  assert.deepEqual(snippetParts('a \u0001b\u0002 <c>'), [
    { text: 'a ', match: false },
    { text: 'b', match: true },
    { text: ' <c>', match: false },
  ]);
});

test('the lexemes of a tsquery, prefixes marked', () => {
  assert.deepEqual(queryLexemes(`( 'мигрант' | '~migrant':* ) & 'o''neil'`), [
    { lexeme: 'мигрант', prefix: false },
    { lexeme: '~migrant', prefix: true },
    { lexeme: "o'neil", prefix: false },
  ]);
});

test('Kazakh words are matched by their stems, the way the index stems them', () => {
  const text = 'Бұл баяндама Қазақстандағы еңбек мигранттарының денсаулығы туралы. Мигранттар жұмыс іздейді.';
  const s = turkicSnippet(text, 'kk', `'мигрант' & 'денсаулық'`)!;
  assert.deepEqual(
    snippetParts(s)
      .filter((p) => p.match)
      .map((p) => p.text),
    ['мигранттарының', 'денсаулығы', 'Мигранттар'],
  );
  assert.equal(turkicSnippet(text, 'kk', `'көші'`), null, 'no match, no snippet');
  const long = `${'сөз '.repeat(50)}мигранттар ${'сөз '.repeat(50)}`;
  const cut = turkicSnippet(long, 'kk', `'мигрант'`, 10)!;
  assert.match(cut, /^… (сөз ){5}\u0001мигранттар\u0002( сөз){4} …$/);
});
