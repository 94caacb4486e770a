import assert from 'node:assert/strict';
import { test } from 'node:test';
import { largestDeclaredImage } from './declared-images.ts';
import { tinyPdf } from './tiny-pdf.ts';

test('finds the largest image a stream declares', () => {
  const pdf = tinyPdf([
    { image: { width: 30, height: 20, data: new Uint8Array(600) } },
    { image: { width: 5000, height: 4000, data: new Uint8Array(10) } },
  ]);
  assert.deepEqual(largestDeclaredImage(pdf), { width: 5000, height: 4000 });
  assert.equal(largestDeclaredImage(tinyPdf([{ lines: ['text only'] }])), null);
});

test('reads the page size of an embedded JBIG2 stream (the bomb in the fixtures)', () => {
  // Segment 0, type 48 (page information), no referred segments, page 1, 19 bytes: 100000 × 100000.
  const segment = Buffer.from(
    '00000000' + '30' + '00' + '01' + '00000013' + '000186a0' + '000186a0' + '00'.repeat(11),
    'hex',
  );
  const pdf = tinyPdf([{ lines: ['JBIG2 bomb'], content: { data: segment, filter: 'JBIG2Decode' } }]);
  assert.deepEqual(largestDeclaredImage(pdf), { width: 100000, height: 100000 });
});

test('does not follow sizes given by reference', () => {
  const pdf = Buffer.from(
    '%PDF-1.4\n4 0 obj\n<< /Subtype /Image /Width 12 0 R /Height 13 0 R /Length 1 >>\nstream\nx\nendstream\nendobj\n',
    'latin1',
  );
  assert.equal(largestDeclaredImage(pdf), null);
});
