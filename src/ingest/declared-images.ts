// The sizes images declare, read from the raw file before pdf.js decodes anything: a few hundred
// bytes can declare a picture of ten billion pixels (a decompression bomb), and that is refused
// before it is decoded. Streams cannot sit in compressed object streams, so their dictionaries
// are readable here; a size given by reference is not followed (the memory watchdog remains).

/** Width and height of the largest image a stream in the file declares, or null when none does. */
export function largestDeclaredImage(bytes: Uint8Array): { width: number; height: number } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let largest: { width: number; height: number } | null = null;
  for (let at = buf.indexOf('stream'); at !== -1; at = buf.indexOf('stream', at + 6)) {
    const before = buf.toString('latin1', Math.max(0, at - 4096), at);
    if (!/>>\s*$/.test(before)) continue; // "endstream", or the word inside some data
    const dict = before.slice(before.lastIndexOf('obj') + 1);
    const size = /JBIG2Decode/.test(dict) ? jbig2PageSize(buf, dataStart(buf, at + 6)) : dictionarySize(dict);
    if (size && (!largest || size.width * size.height > largest.width * largest.height)) largest = size;
  }
  return largest;
}

function dictionarySize(dict: string): { width: number; height: number } | null {
  const width = /\/Width\s+(\d+)(?![\d.\s]*R\b)/.exec(dict);
  const height = /\/Height\s+(\d+)(?![\d.\s]*R\b)/.exec(dict);
  return width && height ? { width: Number(width[1]), height: Number(height[1]) } : null;
}

// The data starts after "stream" and an end of line (CR LF or LF).
function dataStart(buf: Buffer, afterKeyword: number): number {
  if (buf[afterKeyword] === 0x0d) return buf[afterKeyword + 1] === 0x0a ? afterKeyword + 2 : afterKeyword + 1;
  return buf[afterKeyword] === 0x0a ? afterKeyword + 1 : afterKeyword;
}

/**
 * The page size from the page-information segment (type 48) that opens an embedded JBIG2 stream
 * (ITU T.88 §7.2): segment number (4 bytes), flags (1), referred-to segments (1 when none),
 * page association (1 or 4), data length (4), then width (4) and height (4).
 */
function jbig2PageSize(buf: Buffer, start: number): { width: number; height: number } | null {
  if (start + 19 > buf.length) return null;
  const flags = buf[start + 4];
  if ((flags & 0x3f) !== 48 || buf[start + 5] >> 5 !== 0) return null;
  const data = start + 6 + (flags & 0x40 ? 4 : 1) + 4;
  if (data + 8 > buf.length) return null;
  return { width: buf.readUInt32BE(data), height: buf.readUInt32BE(data + 4) };
}
