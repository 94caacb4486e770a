import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textLines, type TextItemLike } from './text-layer.ts';

// An upright 10-point item at (x, y) whose text is 5 units wide per character.
const item = (str: string, x: number, y: number, hasEOL = false): TextItemLike => ({
  str,
  hasEOL,
  transform: [10, 0, 0, 10, x, y],
  width: str.length * 5,
  height: 10,
});

test('textLines follows pdf.js line ends and fills in what the geometry shows', () => {
  const cases: Array<[string, TextItemLike[], string[]]> = [
    ['line ends from hasEOL', [item('First line', 0, 700, true), item('Second', 0, 688)], ['First line', 'Second']],
    ['a gap between items is a space', [item('002-842', 0, 700), item('Effective', 60, 700)], ['002-842 Effective']],
    ['touching items join', [item('Tra', 0, 700), item('ce', 15, 700)], ['Trace']],
    ['no double space', [item('Proposed ', 0, 700), item('Rules', 60, 700)], ['Proposed Rules']],
    ['a lower baseline without hasEOL is a new line', [item('Title', 0, 700), item('Body', 0, 680)], ['Title', 'Body']],
    [
      'a superscript stays on its line',
      [item('Gal', 0, 700), item('*', 15, 704), item(', Eich', 20, 700)],
      ['Gal*, Eich'],
    ],
    ['empty items only end lines', [item('a', 0, 700), item('', 0, 700, true), item('b', 0, 690)], ['a', 'b']],
  ];
  for (const [name, items, expected] of cases) assert.deepEqual(textLines(items), expected, name);
});
