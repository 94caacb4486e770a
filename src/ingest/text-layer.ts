// Lines of a page from pdf.js text items: pdf.js marks most line ends (hasEOL) but not all, and
// leaves out the space between items that are apart on the page; the geometry tells both.

/** The part of a pdf.js TextItem we read. */
export interface TextItemLike {
  str: string;
  hasEOL: boolean;
  /** [a, b, c, d, x, y]: x and y are the baseline origin in PDF user space (y grows upwards). */
  transform: number[];
  width: number;
  height: number;
}

/** The page's text as lines, in the order pdf.js read it. */
export function textLines(items: readonly TextItemLike[]): string[] {
  const lines: string[] = [];
  let line = '';
  let prev: TextItemLike | null = null;
  for (const item of items) {
    if (prev && !prev.hasEOL && item.str) {
      const size = Math.max(fontSize(item), fontSize(prev));
      const [x, y] = [item.transform[4], item.transform[5]];
      const [px, py] = [prev.transform[4], prev.transform[5]];
      if (isUpright(item) && isUpright(prev)) {
        if (Math.abs(y - py) > size * 0.5) {
          lines.push(line);
          line = '';
        } else if (x - (px + prev.width) > size * 0.15 && !/\s$/.test(line) && !/^\s/.test(item.str)) {
          line += ' ';
        }
      }
    }
    line += item.str;
    if (item.hasEOL) {
      lines.push(line);
      line = '';
    }
    if (item.str || item.hasEOL) prev = item;
  }
  if (line) lines.push(line);
  return lines;
}

function fontSize(item: TextItemLike): number {
  return Math.max(Math.abs(item.height), Math.hypot(item.transform[2], item.transform[3]), 1);
}

// Rotated or skewed text keeps pdf.js's own line breaks: its geometry would need the rotation undone.
function isUpright(item: TextItemLike): boolean {
  return item.transform[1] === 0 && item.transform[2] === 0 && item.transform[0] > 0;
}
