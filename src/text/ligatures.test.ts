import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repairLigatures } from './ligatures.ts';

const repaired: Array<[string, string]> = [
  ['a collaborative e ort of officials', 'a collaborative effort of officials'],
  ['migration bene ts migrants', 'migration benefits migrants'],
  ['studied and identi ed key vulnerabilities', 'studied and identified key vulnerabilities'],
  ['an e ective policy', 'an effective policy'],
  ['the regional o ce in Astana', 'the regional office in Astana'],
  ['a signi cant share', 'a significant share'],
  ['countries in con ict', 'countries in conflict'],
  ['the in uence of remittances', 'the influence of remittances'],
  ['joint e orts of authorities', 'joint efforts of authorities'],
  ['E ective immediately', 'Effective immediately'],
  ['the e ciency of services', 'the efficiency of services'],
  ['a di erent approach', 'a different approach'],
  ['the rst step comes first', 'the first step comes first'],
  ['the nancial crisis and financial aid', 'the financial crisis and financial aid'],
  ['they identied victims', 'they identified victims'],
  // Unicode ligature glyphs become letters.
  ['the \uFB01nal \uFB02ow of e\uFB00ort, e\uFB03cient, ba\uFB04ed', 'the final flow of effort, efficient, baffled'],
];

const untouched = [
  'He arrived at the flat at noon.', // "at" is a word and more common here than "flat"
  'The old eld of the village.', // "eld" is a word, and "field" does not occur to support a repair
  'See http://micicinitiative.iom.int and info@iom.int for the 2nd edition.',
  'IOM CA and the UNCT in Kazakhstan', // all capitals never carried a lowercase ligature
  'Kazmierkiewicz and Keserovic wrote it in Astana.',
  'A fine field of flowers, a different effort.',
  'Set the uid and gid; run the cli.', // abbreviations are not "fluid" and "cliff"
  '',
];

test('repairs lost ligatures with the word list', () => {
  for (const [input, expected] of repaired) assert.equal(repairLigatures(input).text, expected, input);
});

test('leaves real words, names, addresses and capitals alone', () => {
  for (const input of untouched) {
    const r = repairLigatures(input);
    assert.equal(r.text, input, input);
    assert.deepEqual(r.repairs, [], input);
  }
});

test('a fragment that is a word is repaired when the text itself uses the whole word more', () => {
  const r = repairLigatures('The regional eld assessment. The field assessment covered the field.');
  assert.equal(r.text, 'The regional field assessment. The field assessment covered the field.');
  assert.deepEqual(r.repairs, [{ from: 'eld', to: 'field', index: 13 }]);
});

test('lists every repair with its offset in the input', () => {
  const input = 'The e ort bene ts all; identi ed.';
  const r = repairLigatures(input);
  assert.deepEqual(r.repairs, [
    { from: 'e ort', to: 'effort', index: 4 },
    { from: 'bene ts', to: 'benefits', index: 10 },
    { from: 'identi ed', to: 'identified', index: 23 },
  ]);
  for (const rep of r.repairs) assert.equal(input.slice(rep.index, rep.index + rep.from.length), rep.from);
});

test('contractions and abbreviations are left alone', () => {
  for (const text of [
    'You’re right, I’ve seen it and we’d fire them.',
    "It's the IOM's (cont.) table, approx. done; a fire",
  ]) {
    const r = repairLigatures(text);
    assert.equal(r.text, text);
    assert.deepEqual(r.repairs, []);
  }
});
