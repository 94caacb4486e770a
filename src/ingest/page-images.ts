// Page images for reading: any page of a stored PDF at a width, as WebP, drawn on demand by the render
// worker (PDFium, under the ingest limits) and kept on disk by checksum, page and width. The cache has a
// size cap: past it, the images used least recently go first.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from './types.ts';
import type { LocalCopy } from '../files/store.ts';
import { renderWorker } from './worker-process.ts';

/** Widths are rounded up to a multiple of this, so that a few sizes serve every screen and the cache stays small. */
export const WIDTH_STEP = 100;
export const MIN_WIDTH = 100;
export const MAX_WIDTH = 2400;

/** The width a request for `w` pixels gets. */
export const pageImageWidth = (w: number) =>
  Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(w / WIDTH_STEP) * WIDTH_STEP));

export class PageImages {
  private size: number | null = null;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  /**
   * The WebP of page `page` of the PDF with checksum `sha256`, `width` wide; null when it has no such page or
   * cannot be drawn. `pdf` gives the PDF as a local file, asked for only when the image is not cached.
   */
  async image(
    sha256: string,
    pdf: () => Promise<LocalCopy | null>,
    page: number,
    width: number,
    limits: Partial<Limits> = {},
  ): Promise<Buffer | null> {
    const file = path.join(this.dir, sha256.slice(0, 2), `${sha256}-${page}-${width}.webp`);
    try {
      const now = new Date();
      fs.utimesSync(file, now, now); // used now: the last to go when the cache is trimmed
      return fs.readFileSync(file);
    } catch {
      // not cached yet
    }
    const all = { ...DEFAULT_LIMITS, ...limits };
    let data: Uint8Array | null = null;
    const copy = await pdf();
    if (!copy) return null;
    try {
      await renderWorker.run({ kind: 'render', path: copy.path, page, width, limits: all }, all, (m) => {
        if (m.kind === 'image') data = m.data;
      });
    } finally {
      await copy.release();
    }
    if (!data) return null;
    const bytes = Buffer.from(data as Uint8Array);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    this.size = (this.size ?? this.measure()) + bytes.length;
    if (this.size > this.maxBytes) this.trim();
    return bytes;
  }

  private images(): Array<{ file: string; size: number; used: number }> {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.webp'))
      .map((f) => {
        const file = path.join(this.dir, f);
        const st = fs.statSync(file);
        return { file, size: st.size, used: st.mtimeMs };
      });
  }

  private measure(): number {
    return this.images().reduce((a, x) => a + x.size, 0);
  }

  /** Removes the least recently used images until the cache holds at most nine tenths of its cap. */
  private trim(): void {
    const images = this.images().sort((a, b) => a.used - b.used);
    let size = images.reduce((a, x) => a + x.size, 0);
    for (const x of images) {
      if (size <= this.maxBytes * 0.9) break;
      fs.rmSync(x.file, { force: true });
      size -= x.size;
    }
    this.size = size;
  }
}
