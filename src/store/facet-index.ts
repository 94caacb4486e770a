// What a search needs to know of every published publication besides its words, held in memory: its
// facet values and its year. A broad query over a large catalogue matches tens of thousands of
// publications with a dozen facet values each; PostgreSQL needs some 100 ms to unnest and count those
// (and more to read their rows to learn whether each is published), an array of small integers here a
// millisecond. The index holds every published publication (publications.facet_keys, year) and is
// reloaded whenever a write has changed them since (search_state 'facets', changed by a trigger on
// publications), so it is never staler than the statement that reads the matches. Browsing, which reads no
// matches, asks nothing while this process hears of writes (the same trigger notifies 'facets': Db.listen).
import type { YearRange } from '../domain/browse.ts';
import type { ChangeListener, Db } from '../db/db.ts';
import { listening } from '../db/listen.ts';
import { stateValue } from './state.ts';
import { readablePublicationSql } from './visibility.ts';

export class FacetIndex {
  /** Facet values as 'facet:value', numbered by their position here. */
  private readonly keys: string[] = [];
  /** For publication id i, its values are list[start[i]] … list[start[i + 1] - 1]. */
  private readonly start: Uint32Array;
  private readonly list: Uint32Array;
  /** For publication id i, 1 when it is published (in the index); its year, or 0 for none. */
  private readonly published: Uint8Array;
  private readonly years: Uint16Array;
  private readonly numbers = new Map<string, number>();

  constructor(
    readonly generation: string,
    rows: Array<{ id: number; year: number | null; facet_keys: string[] }>,
  ) {
    const numbers = this.numbers;
    const maxId = rows.reduce((m, r) => Math.max(m, r.id), 0);
    this.start = new Uint32Array(maxId + 2);
    this.published = new Uint8Array(maxId + 1);
    this.years = new Uint16Array(maxId + 1);
    for (const r of rows) {
      this.start[r.id + 1] = r.facet_keys.length;
      this.published[r.id] = 1;
      this.years[r.id] = r.year ?? 0;
    }
    for (let i = 1; i < this.start.length; i++) this.start[i]! += this.start[i - 1]!;
    this.list = new Uint32Array(this.start[maxId + 1]!);
    for (const r of rows) {
      let at = this.start[r.id]!;
      for (const k of r.facet_keys) {
        let n = numbers.get(k);
        if (n === undefined) {
          n = this.keys.length;
          numbers.set(k, n);
          this.keys.push(k);
        }
        this.list[at++] = n;
      }
    }
  }

  /** The largest id the index knows. */
  get maxId(): number {
    return this.published.length - 1;
  }

  /** The year of a published publication (0 for none or unknown). */
  year(id: number): number {
    return this.years[id] ?? 0;
  }

  /**
   * A test of whether a publication is published, has all these facet values ('kind:report') and a year in the range,
   * or null when no publication has one of them.
   */
  filter(required: string[], years: YearRange | null = null): ((id: number) => boolean) | null {
    const wanted = required.map((k) => this.numbers.get(k) ?? -1);
    if (wanted.includes(-1)) return null;
    // A publication with no year is outside every range.
    const inYears = years
      ? (id: number) => this.years[id]! >= Math.max(years.from, 1) && this.years[id]! <= years.to
      : () => true;
    if (!wanted.length) return (id) => this.published[id] === 1 && inYears(id);
    // Plain loops: a search calls this for each of tens of thousands of matches.
    const { published, start, list } = this;
    return (id) => {
      if (published[id] !== 1 || !inYears(id)) return false;
      const to = start[id + 1]!;
      for (const k of wanted) {
        let i = start[id]!;
        while (i < to && list[i] !== k) i++;
        if (i === to) return false;
      }
      return true;
    };
  }

  /** The ids of the published publications that have all these facet values (all of them when none is given). */
  *having(required: string[], years: YearRange | null = null): Iterable<number> {
    const keep = this.filter(required, years);
    if (!keep) return;
    for (let id = 0; id <= this.maxId; id++) if (keep(id)) yield id;
  }

  /** How many of these publications have each facet value; ids not in the index count for nothing. */
  count(ids: Iterable<number>): Map<string, number> {
    const counts = new Uint32Array(this.keys.length);
    const last = this.start.length - 2;
    for (const id of ids) {
      if (id > last) continue;
      for (let i = this.start[id]!, end = this.start[id + 1]!; i < end; i++) counts[this.list[i]!]!++;
    }
    const out = new Map<string, number>();
    counts.forEach((n, k) => {
      if (n) out.set(this.keys[k]!, n);
    });
    return out;
  }
}

const indexes = new WeakMap<Db, FacetIndex>();

/** The facet index of this database as of `generation` (read with the matches), loaded when older. */
export async function facetIndex(db: Db, generation: string): Promise<FacetIndex> {
  const known = indexes.get(db);
  if (known && known.generation === generation) return known;
  // The generation first, then the rows: they are at least as new as it, so the index is never labelled
  // newer than what it holds (at worst older, and loaded once more). The facet values come as one text
  // each: pg's array parser would take most of the 0.6 s that 100,000 publications took.
  const current = await stateValue(db, 'facets');
  const rows = await db.query<{ id: number; year: number | null; keys: string }>(
    `select p.id, p.year, array_to_string(p.facet_keys, chr(31)) as keys from publications p where ${readablePublicationSql('p')}`,
  );
  const fresh = new FacetIndex(
    current,
    rows.map((r) => ({ id: r.id, year: r.year, facet_keys: r.keys ? r.keys.split('\u001f') : [] })),
  );
  indexes.set(db, fresh);
  return fresh;
}

/** Whether the index loaded last is still current, as far as the notifications this process hears tell. */
class FacetWatch implements ChangeListener {
  heard = false;
  current = false;
  seq = 0;
  notify(payload: string): void {
    if (payload !== 'facets') return;
    this.seq++;
    this.current = false;
  }
  listening(on: boolean): void {
    this.heard = on;
    this.seq++;
    this.current = false;
  }
}

const watches = new WeakMap<Db, Promise<FacetWatch>>();

/** The facet index as it is now: without a query while no write changed the facets since it was loaded. */
export async function currentFacetIndex(db: Db): Promise<FacetIndex> {
  let watching = watches.get(db);
  if (!watching) {
    watching = listening(db, new FacetWatch());
    watches.set(db, watching);
  }
  const watch = await watching;
  const known = indexes.get(db);
  if (known && watch.current) return known;
  const seq = watch.seq;
  const index = await facetIndex(db, await stateValue(db, 'facets'));
  if (watch.heard && watch.seq === seq) watch.current = true;
  return index;
}
