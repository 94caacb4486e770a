import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metadataSuggestions } from './metadata.ts';

const xmp = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

test('cleans the Info dictionary into suggestions', () => {
  const m = metadataSuggestions({
    info: {
      Title: 'Overview of the Technology Acceptance Model\r\n',
      Author: 'Lawrence Lessig',
      CreationDate: "D:20090401163925-07'00'",
      ModDate: 'D:20171105143453Z',
      Creator: 'Microsoft® Word 2010',
      Language: 'ru-RU',
    },
    metadata: null,
  });
  assert.deepEqual(m, {
    title: 'Overview of the Technology Acceptance Model',
    author: 'Lawrence Lessig',
    subject: null,
    keywords: null,
    created: '2009-04-01T23:39:25.000Z',
    modified: '2017-11-05T14:34:53.000Z',
    creator: 'Microsoft® Word 2010',
    declaredLanguage: 'ru-RU',
    published: null,
    publishedKey: null,
  });
});

test('drops the junk producers leave', () => {
  const cases: Array<[Record<string, unknown>, string | null, string | null]> = [
    [{ Title: 'zen_of_python.txt', Author: 'ARRAY(0x2c7cf020)' }, null, null],
    [{ Title: 'Microsoft Word - Annual report', Author: '2024' }, 'Annual report', null],
    [{ Title: 'Ïðåäèñëîâèå', Author: 'Èâàíîâ È. È.' }, 'Предисловие', 'Иванов И. И.'],
    [{ Title: '  ', Author: 'unknown' }, null, null],
  ];
  for (const [info, title, author] of cases) {
    const m = metadataSuggestions({ info, metadata: null });
    assert.deepEqual([m.title, m.author], [title, author], JSON.stringify(info));
  }
  assert.equal(metadataSuggestions({ info: { CreationDate: 'garbage' }, metadata: null }).created, null);
});

test('falls back to XMP where the Info dictionary is silent or junk', () => {
  const metadata = xmp({
    'dc:title': 'From XMP',
    'dc:creator': 'Xmp Author',
    'xmp:createdate': '2019-04-04T10:57:13+11:00',
  });
  const m = metadataSuggestions({ info: { Title: 'report.docx', Author: '' }, metadata });
  assert.deepEqual([m.title, m.author, m.created], ['From XMP', 'Xmp Author', '2019-04-03T23:57:13.000Z']);
});

test('the publication date the XMP states (PRISM, Dublin Core), never the file’s creation date', () => {
  const cases: Array<[Record<string, string>, string | null, string | null]> = [
    [{ 'prism:publicationdate': '2016-03-25', 'dc:date': '2015' }, '2016-03-25', 'prism:publicationdate'],
    [{ 'prism:coverdate': '2019-05' }, '2019-05', 'prism:coverdate'],
    [{ 'dc:date': '2017-05-02T10:00:00Z' }, '2017-05-02', 'dc:date'],
    [{ 'xmp:createdate': '2019-04-04T10:57:13+11:00' }, null, null],
    [{ 'dc:date': 'unknown' }, null, null],
  ];
  for (const [values, published, key] of cases) {
    const m = metadataSuggestions({ info: { CreationDate: 'D:20200101000000Z' }, metadata: xmp(values) });
    assert.deepEqual([m.published, m.publishedKey], [published, key], JSON.stringify(values));
  }
  // pdf.js gives dc:date as a list (rdf:Seq).
  const list = { get: (name: string) => (name === 'dc:date' ? ['2014-11-01', '2015-01-01'] : null) };
  assert.equal(metadataSuggestions({ info: {}, metadata: list }).published, '2014-11-01');
});
