// The site's icon (an open book on the site's accent blue), served as /favicon.ico: an ICO file holding one
// 32 × 32 PNG, which every browser reads. Drawn here pixel by pixel and written as a PNG with zlib, rather than
// with the canvas library, whose native code (some 20 MB of a server's memory) a server then never loads unless
// it draws a cover.
import { deflateSync } from 'node:zlib';

const SIZE = 32;
const BLUE = [0x0b, 0x5c, 0xad] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** RGB pixels, row by row: two pages with three lines of text each, a gap for the spine. */
function drawIcon(): Uint8Array {
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  const fill = (x: number, y: number, w: number, h: number, colour: readonly number[]) => {
    for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) rgb.set(colour, (row * SIZE + col) * 3);
  };
  fill(0, 0, SIZE, SIZE, BLUE);
  fill(5, 8, 10, 16, WHITE);
  fill(17, 8, 10, 16, WHITE);
  for (const y of [12, 16, 20]) {
    fill(7, y, 6, 1, BLUE);
    fill(19, y, 6, 1, BLUE);
  }
  return rgb;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 as PNG's chunks carry it (ISO 3309). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A truecolour PNG (8 bits a channel, no alpha) of square RGB pixels. */
function pngOfRgb(rgb: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  // Each row starts with its filter type: 0, none.
  const rows = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) rows.set(rgb.subarray(y * size * 3, (y + 1) * size * 3), y * (size * 3 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** An ICO container (ICONDIR + one ICONDIRENTRY) around a PNG image. */
export function icoOfPng(png: Buffer, size: number): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0); // reserved
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(size % 256, 6);
  head.writeUInt8(size % 256, 7);
  head.writeUInt8(0, 8); // no palette
  head.writeUInt8(0, 9);
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([head, png]);
}

let icon: Buffer | undefined;
/** The favicon's bytes (drawn on first use). */
export function favicon(): Buffer {
  icon ??= icoOfPng(pngOfRgb(drawIcon(), SIZE), SIZE);
  return icon;
}
