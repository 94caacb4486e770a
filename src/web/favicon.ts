// The site's icon, drawn once at start (an open book on the site's accent blue), served as /favicon.ico:
// an ICO file holding one 32 × 32 PNG, which every browser reads.
import { createCanvas } from '@napi-rs/canvas';

function drawIcon(): Buffer {
  const size = 32;
  const canvas = createCanvas(size, size);
  const g = canvas.getContext('2d');
  g.fillStyle = '#0b5cad';
  g.fillRect(0, 0, size, size);
  g.fillStyle = '#ffffff';
  // Two pages, a gap for the spine.
  g.fillRect(5, 8, 10, 16);
  g.fillRect(17, 8, 10, 16);
  g.fillStyle = '#0b5cad';
  for (const y of [12, 16, 20]) {
    g.fillRect(7, y, 6, 1);
    g.fillRect(19, y, 6, 1);
  }
  return canvas.toBuffer('image/png');
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
  icon ??= icoOfPng(drawIcon(), 32);
  return icon;
}
