// Small PDFs written by hand, for tests that must run without the shared fixtures: Helvetica text
// (WinAnsiEncoding, so a string's characters are its bytes), optional images and raw content
// streams, an Info dictionary, and a correct cross-reference table.

/** One page: lines of text from the top, and optionally an image or an extra content stream. */
export interface TinyPage {
  lines?: string[];
  image?: { width: number; height: number; data: Uint8Array; filter?: string };
  content?: { data: Uint8Array; filter?: string };
}

/** A PDF file with these pages and Info entries (values are Latin-1 strings). */
export function tinyPdf(pages: TinyPage[], info: Record<string, string> = {}): Buffer {
  const objects: Buffer[] = []; // objects[i] is object number i + 1
  const add = (body: string | Buffer) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const stream = (dict: string, data: Uint8Array) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ]);

  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, written once the pages have numbers
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageRefs: number[] = [];
  for (const page of pages) {
    const contents: number[] = [];
    let xobjects = '';
    let draw = '';
    if (page.lines?.length) {
      draw += `BT /F1 12 Tf 14 TL 72 740 Td ${page.lines.map((l) => `(${escape(l)}) Tj T*`).join(' ')} ET\n`;
    }
    if (page.image) {
      const { width, height, data, filter } = page.image;
      add(
        stream(
          `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8${filter ? ` /Filter /${filter}` : ''}`,
          data,
        ),
      );
      xobjects = `/XObject << /Im1 ${objects.length} 0 R >>`;
      draw += 'q 200 0 0 200 72 300 cm /Im1 Do Q\n';
    }
    add(stream('', Buffer.from(draw, 'latin1')));
    contents.push(objects.length);
    if (page.content) {
      add(stream(page.content.filter ? `/Filter /${page.content.filter}` : '', page.content.data));
      contents.push(objects.length);
    }
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> ${xobjects} >> /Contents [${contents.map((n) => `${n} 0 R`).join(' ')}] >>`,
    );
    pageRefs.push(objects.length);
  }
  objects[1] = Buffer.from(
    `<< /Type /Pages /Kids [${pageRefs.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`,
    'latin1',
  );
  const entries = Object.entries(info);
  if (entries.length) add(`<< ${entries.map(([k, v]) => `/${k} (${escape(v)})`).join(' ')} >>`);

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = objects.map((body, i) => {
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    const at = offset;
    offset += part.length;
    return at;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
  ];
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${entries.length ? ` /Info ${objects.length} 0 R` : ''} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(`${xref.join('\n')}\n${trailer}`, 'latin1'));
  return Buffer.concat(parts);
}

function escape(text: string): string {
  return text.replace(/[\\()]/g, '\\$&');
}
