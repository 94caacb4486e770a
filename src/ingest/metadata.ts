// Document metadata as suggestions: the Info dictionary (or XMP where Info is silent), cleaned of
// the junk producers leave there ("Microsoft Word - report.docx", "ARRAY(0x2c7cf020)", "2024").
import { PDFDateString } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { repairCp1251Mojibake } from './mojibake.ts';
import type { DocumentMetadata } from './types.ts';

/** What pdf.js's getMetadata() gives: the Info dictionary and the XMP packet, if any. */
export interface RawMetadata {
  info: object;
  metadata: { get(name: string): unknown } | null;
}

/** The cleaned metadata; a field is null where the file says nothing usable. */
export function metadataSuggestions(raw: RawMetadata): DocumentMetadata {
  const info = raw.info as Record<string, unknown>;
  const metadata = raw.metadata;
  // The Info value when usable, else the XMP one.
  const field = (infoKey: string, xmpKey: string, usable = (v: string | null) => v) =>
    usable(text(info[infoKey])) ?? usable(text(metadata?.get(xmpKey)));
  return {
    title: field('Title', 'dc:title', title),
    author: field('Author', 'dc:creator', author),
    subject: field('Subject', 'dc:description'),
    keywords: field('Keywords', 'pdf:keywords'),
    created: isoDate(info.CreationDate) ?? isoDate(metadata?.get('xmp:createdate')),
    // When the document was published, where its XMP says so (PRISM, Dublin Core): never the file's creation date.
    ...publishedDate(metadata),
    modified: isoDate(info.ModDate) ?? isoDate(metadata?.get('xmp:modifydate')),
    creator: text(info.Creator),
    declaredLanguage: text(info.Language),
  };
}

const PUBLISHED_KEYS = ['prism:publicationdate', 'prism:coverdate', 'dc:date'] as const;

function publishedDate(metadata: RawMetadata['metadata']): { published: string | null; publishedKey: string | null } {
  for (const key of PUBLISHED_KEYS) {
    const raw = metadata?.get(key);
    const first = Array.isArray(raw) ? raw[0] : raw;
    // Only the date part, as written: "2016", "2016-03", "2016-03-25" (a time of day says nothing here).
    const m = typeof first === 'string' ? /^\s*((?:19|20)\d{2})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(first) : null;
    if (m) return { published: [m[1], m[2], m[3]].filter(Boolean).join('-'), publishedKey: key };
  }
  return { published: null, publishedKey: null };
}

function text(value: unknown): string | null {
  const raw = Array.isArray(value) ? value.join(', ') : value;
  if (typeof raw !== 'string') return null;
  const cleaned = repairCp1251Mojibake(raw)
    .text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return /\p{L}/u.test(cleaned) ? cleaned : null;
}

function title(value: string | null): string | null {
  const t = value?.replace(/^Microsoft (Word|PowerPoint|Excel) - /i, '') ?? null;
  if (!t || /^(untitled|unknown|document\d*)$/i.test(t)) return null;
  return /\.(docx?|pdf|txt|rtf|odt|pptx?|xlsx?|indd|tex|dvi|ps|qxd)$/i.test(t) ? null : t; // a file name
}

function author(value: string | null): string | null {
  if (!value || /^ARRAY\(0x[0-9a-f]+\)$/i.test(value) || /^(unknown|user|admin|administrator)$/i.test(value))
    return null;
  return value;
}

// PDF dates are "D:YYYYMMDDHHmmSSOHH'mm'" (ISO 32000-1 §7.9.4); XMP dates are ISO 8601 already.
function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const pdfDate = value.startsWith('D:') || (/^\d{4}/.test(value) && !value.includes('-'));
  const date = pdfDate ? PDFDateString.toDateObject(value) : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
