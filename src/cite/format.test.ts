// The four styles on eight shapes of record, with the strings their manuals prescribe: APA 7 (sentence
// case, group authors, editors in the author position, "n.d.", no publisher repeated), Chicago author-date
// (17th ed.), Harvard (Cite Them Right: "Available at … (Accessed: 6 December 2026)") and GOST R 7.0.100-2018
// (areas separated by ". – ", " : " " / " " ; ", terms in the publication's language, "[б. г.]"/"[s. a.]",
// "[Б. м.]"/"[S. l.]", URL with its access date). Pure: no database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Creator } from './creators.ts';
import { formatCitation } from './format.ts';
import { KIND_TYPES } from './kinds.ts';
import type { Reference } from './reference.ts';
import { sentenceCase, properNounsIn } from './sentence-case.ts';

const person = (given: string, family: string): Creator => ({
  type: 'person',
  name: `${given} ${family}`,
  given,
  family,
});
const org = (name: string): Creator => ({ type: 'organisation', name });
const IOM = 'International Organization for Migration';
const URL_ = 'https://kitap.example.org/publications/x';
const ref = (over: Partial<Reference>): Reference => ({
  id: 'x',
  kind: 'report',
  types: KIND_TYPES.report,
  title: 'T',
  titleLang: 'en',
  language: 'en',
  languages: ['en'],
  authors: [],
  cited: [],
  editors: [],
  translators: [],
  illustrators: [],
  publishers: [],
  keywords: [],
  url: URL_,
  ...over,
});
const people = [person('Aigerim', 'Sultanova'), person('Jean Paul', 'Martin')];
const four = [person('Ruth', 'Smith'), person('Bakyt', 'Asanov'), person('Gulnara', 'Ibraeva'), person('Ann', 'Lee')];

const SHAPES: Record<string, Reference> = {
  'organisation author': ref({
    kind: 'glossary',
    types: KIND_TYPES.glossary,
    title: 'Glossary on Migration',
    cited: [org(IOM)],
    publishers: [IOM],
    place: 'Geneva',
    date: [2011],
    pages: 96,
  }),
  people: ref({
    title: 'Labour Migration in Central Asia',
    subtitle: 'Assessing Needs of Migrants from Kyrgyzstan',
    abstract: 'Migrants from Kyrgyzstan and Tajikistan in Central Asia.',
    authors: people,
    cited: people,
    publishers: [IOM],
    place: 'Astana',
    date: [2017, 5, 4],
    pages: 180,
    series: 'Regional Field Assessment',
    doi: '10.1234/labour.2017',
  }),
  'editor only': ref({
    kind: 'handbook',
    types: KIND_TYPES.handbook,
    title: 'Handbook on Effective Labour Migration Policies',
    editors: [person('Livia', 'Vedrasco')],
    publishers: ['OSCE', IOM],
    date: [2006],
    pages: 254,
  }),
  'no year': ref({
    kind: 'poster',
    types: KIND_TYPES.poster,
    title: 'Rights and Obligations of Foreigners in Kazakhstan',
    cited: [org(IOM)],
    publishers: [IOM],
  }),
  'multilingual, cited in Russian': ref({
    title: 'Трудовая миграция в Центральной Азии',
    titleLang: 'ru',
    language: 'ru',
    languages: ['ru', 'en'],
    authors: [people[0]!],
    cited: [people[0]!],
    publishers: ['МОМ'],
    place: 'Астана',
    date: [2017],
    pages: 180,
  }),
  'Russian original': ref({
    kind: 'compendium',
    types: KIND_TYPES.compendium,
    title: 'Сборник международных документов',
    subtitle: 'противодействие торговле людьми',
    titleLang: 'ru',
    language: 'ru',
    languages: ['ru', 'kk'],
    editors: [person('Anna', 'Ivanova')],
    publishers: ['МОМ'],
    date: [2010],
    pages: 174,
  }),
  'Kyrgyz original': ref({
    kind: 'childrens-book',
    types: KIND_TYPES['childrens-book'],
    title: 'Ainura’s Dream',
    language: 'ky',
    languages: ['ky', 'ru'],
    authors: [person('Marinka', 'Franulovic')],
    cited: [person('Marinka', 'Franulovic')],
    illustrators: [person('Doriana', 'Berkovic')],
    publishers: [IOM],
    place: 'Bishkek',
  }),
  'with ISBN, four authors': ref({
    kind: 'book',
    types: KIND_TYPES.book,
    title: 'Two Kyrgyz Women',
    authors: four,
    cited: four,
    publishers: [IOM],
    place: 'Bishkek',
    date: [2008],
    pages: 120,
    isbn: '978-9967-00-000-1',
  }),
};

const EXPECTED: Record<string, Record<'apa' | 'chicago' | 'harvard' | 'gost', string>> = {
  'organisation author': {
    apa: `International Organization for Migration. (2011). Glossary on migration. ${URL_}`,
    chicago: `International Organization for Migration. 2011. Glossary on Migration. Geneva: International Organization for Migration. ${URL_}.`,
    harvard: `International Organization for Migration (2011) Glossary on Migration. Geneva: International Organization for Migration. Available at: ${URL_} (Accessed: 6 December 2026).`,
    gost: `Glossary on Migration. – Geneva : International Organization for Migration, 2011. – 96 p. – URL: ${URL_} (accessed: 06.12.2026). – Text : electronic.`,
  },
  people: {
    apa: 'Sultanova, A., & Martin, J. P. (2017). Labour migration in Central Asia: Assessing needs of migrants from Kyrgyzstan (Regional Field Assessment). International Organization for Migration. https://doi.org/10.1234/labour.2017',
    chicago:
      'Sultanova, Aigerim, and Jean Paul Martin. 2017. Labour Migration in Central Asia: Assessing Needs of Migrants from Kyrgyzstan. Regional Field Assessment. Astana: International Organization for Migration. https://doi.org/10.1234/labour.2017.',
    harvard:
      'Sultanova, A. and Martin, J.P. (2017) Labour Migration in Central Asia: Assessing Needs of Migrants from Kyrgyzstan. Astana: International Organization for Migration. doi:10.1234/labour.2017.',
    gost: `Sultanova, A. Labour Migration in Central Asia : Assessing Needs of Migrants from Kyrgyzstan / A. Sultanova, J. P. Martin. – Astana : International Organization for Migration, 2017. – 180 p. – (Regional Field Assessment). – URL: ${URL_} (accessed: 06.12.2026). – Text : electronic.`,
  },
  'editor only': {
    apa: `Vedrasco, L. (Ed.). (2006). Handbook on effective labour migration policies. OSCE; International Organization for Migration. ${URL_}`,
    chicago: `Vedrasco, Livia, ed. 2006. Handbook on Effective Labour Migration Policies. OSCE; International Organization for Migration. ${URL_}.`,
    harvard: `Vedrasco, L. (ed.) (2006) Handbook on Effective Labour Migration Policies. OSCE; International Organization for Migration. Available at: ${URL_} (Accessed: 6 December 2026).`,
    gost: `Handbook on Effective Labour Migration Policies / edited by L. Vedrasco. – [S. l.] : OSCE : International Organization for Migration, 2006. – 254 p. – URL: ${URL_} (accessed: 06.12.2026). – Text : electronic.`,
  },
  'no year': {
    apa: `International Organization for Migration. (n.d.). Rights and obligations of foreigners in Kazakhstan. ${URL_}`,
    chicago: `International Organization for Migration. n.d. Rights and Obligations of Foreigners in Kazakhstan. International Organization for Migration. ${URL_}.`,
    harvard: `International Organization for Migration (no date) Rights and Obligations of Foreigners in Kazakhstan. International Organization for Migration. Available at: ${URL_} (Accessed: 6 December 2026).`,
    gost: `Rights and Obligations of Foreigners in Kazakhstan. – [S. l.] : International Organization for Migration, [s. a.]. – URL: ${URL_} (accessed: 06.12.2026). – Text : electronic.`,
  },
  'multilingual, cited in Russian': {
    apa: `Sultanova, A. (2017). Трудовая миграция в Центральной Азии. МОМ. ${URL_}`,
    chicago: `Sultanova, Aigerim. 2017. Трудовая миграция в Центральной Азии. Астана: МОМ. ${URL_}.`,
    harvard: `Sultanova, A. (2017) Трудовая миграция в Центральной Азии. Астана: МОМ. Доступно на: ${URL_} (дата обращения: 6 декабря 2026 г.).`,
    gost: `Sultanova, A. Трудовая миграция в Центральной Азии / A. Sultanova. – Астана : МОМ, 2017. – 180 с. – URL: ${URL_} (дата обращения: 06.12.2026). – Текст : электронный.`,
  },
  'Russian original': {
    apa: `Ivanova, A. (Ред.). (2010). Сборник международных документов: противодействие торговле людьми. МОМ. ${URL_}`,
    chicago: `Ivanova, Anna, ред. 2010. Сборник международных документов: противодействие торговле людьми. МОМ. ${URL_}.`,
    harvard: `Ivanova, A. (ред.) (2010) Сборник международных документов: противодействие торговле людьми. МОМ. Доступно на: ${URL_} (дата обращения: 6 декабря 2026 г.).`,
    gost: `Сборник международных документов : противодействие торговле людьми / под редакцией A. Ivanova. – [Б. м.] : МОМ, 2010. – 174 с. – URL: ${URL_} (дата обращения: 06.12.2026). – Текст : электронный.`,
  },
  'Kyrgyz original': {
    apa: `Franulovic, M. (n.d.). Ainura’s dream. International Organization for Migration. ${URL_}`,
    chicago: `Franulovic, Marinka. n.d. Ainura’s Dream. Bishkek: International Organization for Migration. ${URL_}.`,
    harvard: `Franulovic, M. (no date) Ainura’s Dream. Bishkek: International Organization for Migration. Available at: ${URL_} (Accessed: 6 December 2026).`,
    gost: `Franulovic, M. Ainura’s Dream / M. Franulovic ; художник D. Berkovic. – Bishkek : International Organization for Migration, [б. г.]. – URL: ${URL_} (дата обращения: 06.12.2026). – Текст : электронный.`,
  },
  'with ISBN, four authors': {
    apa: `Smith, R., Asanov, B., Ibraeva, G., & Lee, A. (2008). Two Kyrgyz women. International Organization for Migration. ${URL_}`,
    chicago: `Smith, Ruth, Bakyt Asanov, Gulnara Ibraeva, and Ann Lee. 2008. Two Kyrgyz Women. Bishkek: International Organization for Migration. ${URL_}.`,
    harvard: `Smith, R. et al. (2008) Two Kyrgyz Women. Bishkek: International Organization for Migration. Available at: ${URL_} (Accessed: 6 December 2026).`,
    gost: `Two Kyrgyz Women / R. Smith, B. Asanov, G. Ibraeva [et al.]. – Bishkek : International Organization for Migration, 2008. – 120 p. – ISBN 978-9967-00-000-1. – URL: ${URL_} (accessed: 06.12.2026). – Text : electronic.`,
  },
};

for (const [shape, r] of Object.entries(SHAPES)) {
  test(`styles: ${shape}`, () => {
    for (const style of ['apa', 'chicago', 'harvard', 'gost'] as const) {
      assert.equal(formatCitation(r, style, '2026-12-06').body, `${EXPECTED[shape]![style]}\n`, `${shape}, ${style}`);
    }
  });
}

test('no Russian term in a reference written in English, whatever the interface', () => {
  for (const [shape, r] of Object.entries(SHAPES)) {
    if (r.titleLang !== 'en') continue;
    for (const style of ['apa', 'chicago', 'harvard'] as const) {
      assert.doesNotMatch(formatCitation(r, style, '2026-12-06').body, /[а-яё]/i, `${shape}, ${style}`);
    }
  }
});

test('sentence case keeps proper nouns, acronyms and whole names; lowercases the rest', () => {
  const keep = properNounsIn(
    'Workers from Kyrgyzstan go to the Russian Federation and Central Asia. It reviews the Soviet heritage.',
  );
  const cases: Array<[string, string]> = [
    ['Labour Migration in Central Asia: The Role of NGOs', 'Labour migration in Central Asia: The role of NGOs'],
    ['Large-Scale Post-Soviet Migration from Kyrgyzstan', 'Large-scale post-Soviet migration from Kyrgyzstan'],
    [
      'A Study for the International Organization for Migration',
      'A study for the International Organization for Migration',
    ],
    ['Kazakh and Russian Language Courses', 'Kazakh and Russian language courses'],
  ];
  for (const [title, want] of cases)
    assert.equal(sentenceCase(title, keep, ['International Organization for Migration']), want, title);
});

test('GOST: no ", " or ":" left hanging when place and publisher are missing', () => {
  const text = formatCitation(ref({ title: 'Доклад', titleLang: 'ru', language: 'ru' }), 'gost', '2026-12-06').body;
  assert.equal(
    text,
    `Доклад. – [Б. м.] : [б. и.], [б. г.]. – URL: ${URL_} (дата обращения: 06.12.2026). – Текст : электронный.\n`,
  );
});
