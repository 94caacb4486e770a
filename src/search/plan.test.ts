import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexDocument } from './document.ts';
import { planQuery, planSql, suggestableWords } from './plan.ts';
import { thesaurus } from './thesaurus.ts';

test('each word gets its other-script spelling and its script-neutral key', () => {
  const plan = planQuery('Kyrgyzstan Султанова', thesaurus());
  const terms = plan.groups.flatMap((g) => g.terms);
  assert.deepEqual(terms[0]!.variants, ['Kyrgyzstan', 'кыргызстан']);
  assert.equal(terms[0]!.skel, "'~kirgizstan':*");
  assert.deepEqual(terms[1]!.variants, ['Султанова', 'Sultanova']);
  assert.equal(planQuery('"labour migration"', thesaurus()).groups[0]!.terms[0]!.skel, '', 'no key for a phrase');
  assert.equal(planQuery('ILO', thesaurus()).groups[0]!.terms[0]!.skel, "'~ilo'", 'a short key is matched whole');
});

test('runs of words that spell a concept label are expanded, across stopwords, not across OR or exclusions', () => {
  const th = thesaurus();
  const groups = (q: string) =>
    planQuery(q, th).groups.map((g) => [g.terms.map((t) => t.term.text).join(' '), g.concepts.join(',')]);
  assert.deepEqual(groups('trafficking in persons Kazakhstan'), [
    ['trafficking in persons', 'trafficking-in-persons'],
    ['Kazakhstan', 'kazakhstan'],
  ]);
  assert.deepEqual(groups('еңбек көші-қоны'), [['еңбек көші-қоны', 'labour-migration']]);
  assert.deepEqual(groups('"торговля людьми"'), [['торговля людьми', 'trafficking-in-persons']]);
  assert.deepEqual(groups('labour OR migration'), [
    ['labour', ''],
    ['migration', ''],
  ]);
  assert.deepEqual(groups('qwerty -health'), [
    ['qwerty', ''],
    ['health', ''],
  ]);
});

test('the SQL of a plan: AND, OR and NOT between groups, values as parameters', () => {
  const params: unknown[] = [];
  const sql = planSql(planQuery('qwerty OR asdfg -zxcvb', thesaurus()), params, 'index');
  assert.equal(
    sql,
    '(((kitap_term_tsquery($1::text[], $2, false)) || (kitap_term_tsquery($3::text[], $4, false))) && !!(kitap_term_tsquery($5::text[], $6, false)))',
  );
  assert.deepEqual(params[0], ['qwerty', 'кверты']);
  assert.equal(planSql(planQuery('', thesaurus()), [], 'index'), `''::tsquery`);
  // A concept is one lexeme for the catalogue's index, all its labels for plain text.
  const indexParams: unknown[] = [];
  assert.match(planSql(planQuery('labour migration', thesaurus()), indexParams, 'index'), /\|\| \$5::tsquery\)$/);
  assert.equal(indexParams[4], `'#labour-migration'`);
  const textParams: unknown[] = [];
  assert.match(
    planSql(planQuery('labour migration', thesaurus()), textParams, 'text'),
    /kitap_concepts_tsquery\(\$\d+::text\[\], \$\d+::text\[\]\)/,
  );
  assert.ok(textParams.some((p) => Array.isArray(p) && p.some((l) => String(l).toLowerCase() === 'трудовая миграция')));
  assert.deepEqual(suggestableWords(planQuery('helth "exact phrase" -excluded ab 2017', thesaurus())), ['helth']);
});

test('what a publication indexes, with which language and weight', () => {
  const doc = indexDocument({
    title: { en: 'Labour Migration', ru: 'Трудовая миграция' },
    subtitle: {},
    abstract: { kk: 'Еңбек көші-қоны туралы' },
    series: null,
    people: ['Aigerim Sultanova'],
    organisations: [{ name: { en: 'UK Aid' }, abbreviation: null }],
    projects: [],
    topics: [],
    identifiers: ['978-601'],
  });
  assert.deepEqual(
    doc.segments.map((s) => [s.lang, s.weight, s.subject]),
    [
      ['en', 'A', 'strong'],
      ['ru', 'A', 'strong'],
      ['any', 'B', null],
      ['en', 'B', null],
      ['kk', 'C', 'weak'],
      ['simple', 'C', null],
    ],
  );
  assert.ok(doc.skeletons.includes('~sultanova') && doc.skeletons.includes('~trudovaia'));
  assert.ok(doc.words.includes('миграция') && doc.words.includes('көші') && !doc.words.includes('978'));
});
