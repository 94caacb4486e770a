// File names and media types of stored files: what a name may show, and what type a name is served as.
import path from 'node:path';

// Only these types are served as themselves; anything else is sent as application/octet-stream, so
// no upload can become a script or a page of this site (downloads also carry nosniff and attachment).
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  zip: 'application/zip',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** The media type a file is served with, from its name. */
export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[path.extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** A file name as shown and sent back: no directories, no control or bidirectional characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Bidirectional controls too (a right-to-left override turns "cod.exe" shown as "exe.doc"): issue 21.
  const clean = base
    .replace(/[\u0000-\u001f\u007f-\u009f]|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(-200);
  return clean || 'file';
}
