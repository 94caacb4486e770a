// The importer: a page (text or HTML) → publication records and a report of what was done to get them.
import { slugify } from '../domain/slug.ts';
import { organisationRoles, projectKey, projectsInText, rolesByKind, sentences } from './entities.ts';
import { inferCountries, inferKind, inferTopics, languagesInText } from './infer.ts';
import { InputError, type Page, type SourceLine, type TextRepair } from './lines.ts';
import { mergeRecords, normalise, sameTitleAndCompatible } from './merge.ts';
import { parseBlock, type Draft } from './parse.ts';
import type { ImportRecord, ProjectRef } from './record.ts';
import { linkRecords, phasesOfQuotes, recordsTitled, TitleIndex, type RelationContext } from './relations.ts';
import { isCapitalsHeading, splitBlocks, type Skipped } from './split.ts';
import { findOrganisations, headKind, type Organisation } from './vocabulary.ts';

export interface ImportReport {
  lines: { total: number; nonEmpty: number; inRecords: number; skipped: number };
  repairs: TextRepair[];
  skipped: Array<{ line: number; text: string; reason: string }>;
  merged: Array<{ key: string; lines: [number, number]; into: [number, number]; added: string[] }>;
  relations: string[];
  ambiguities: Array<{ key: string; note: string }>;
}

export interface ImportResult {
  records: ImportRecord[];
  report: ImportReport;
  /** For every non-empty line (by index): the key of its record, or the reason it was skipped. */
  accounting: Map<number, { key: string } | { skipped: string }>;
}

interface Work {
  record: ImportRecord;
  draft: Draft;
  lines: SourceLine[];
  notes: string[];
  ctx: RelationContext;
}

/** Imports a page that has been read into lines. */
export function importPage(page: Page): ImportResult {
  const { blocks, skipped } = splitBlocks(page.lines);
  const acronyms = pageAcronyms(page.lines);
  const drafts: Draft[] = [];
  for (const b of blocks) {
    // Running text with neither a title nor publication fields (an introduction before the list) is no publication.
    if (b.paragraphs.every((p) => p.type === 'body')) {
      for (const p of b.paragraphs) {
        for (const line of p.lines) {
          const spam = /protected from spambots/i.test(line.text);
          skipped.push({
            line,
            reason: spam
              ? 'an e-mail address the old page hid behind spam protection: nothing to keep'
              : 'running text outside any publication (no title or publication fields)',
          });
        }
      }
      continue;
    }
    drafts.push(parseBlock(b, acronyms));
  }
  if (!drafts.length)
    throw new InputError(
      'no publication found on the page: no title lines or publication fields were recognised',
      'no-publications',
    );
  const owner = pageOwner(drafts);
  const projects = knownProjects(drafts, page.lines);
  const works = drafts.map((d) => buildRecord(d, projects, owner, page.repairs));
  const notes: ImportReport['ambiguities'] = [];
  const merged = mergeDuplicates(works);
  resolveHeadlines(works);
  assignKeys(works);
  for (const m of merged) {
    m.key = m.work.record.key;
    // Topics and countries come from the merged text as a whole, not from each listing's guess.
    const r = m.work.record;
    r.topics = inferTopics(`${r.title} ${r.subtitle ?? ''}`, r.description);
    r.countries = inferCountries(`${r.title} ${r.subtitle ?? ''}`, r.description);
  }
  for (const w of works)
    w.ctx = {
      record: w.record,
      refTitle: w.draft.refTitle,
      headline: !!w.draft.headline,
      phase: w.ctx.phase,
      seriesName: w.ctx.seriesName,
    };
  assignPhases(works);
  const relations = linkRecords(works.map((w) => w.ctx));
  for (const w of works) for (const n of w.notes) notes.push({ key: w.record.key, note: n });

  const accounting = new Map<number, { key: string } | { skipped: string }>();
  const allSkipped: Skipped[] = [...skipped, ...works.flatMap((w) => w.draft.skipped)];
  for (const w of works) for (const l of w.lines) accounting.set(l.index, { key: w.record.key });
  for (const s of allSkipped) accounting.set(s.line.index, { skipped: s.reason });
  for (const l of page.lines) {
    if (l.text && !accounting.has(l.index)) {
      accounting.set(l.index, { skipped: 'not recognised as part of any publication' });
      allSkipped.push({ line: l, reason: 'not recognised as part of any publication' });
    }
  }
  const nonEmpty = page.lines.filter((l) => l.text).length;
  return {
    records: works.map((w) => w.record),
    accounting,
    report: {
      lines: {
        total: page.lines.length,
        nonEmpty,
        inRecords: nonEmpty - allSkipped.length,
        skipped: allSkipped.length,
      },
      repairs: page.repairs,
      skipped: allSkipped
        .sort((a, b) => a.line.index - b.line.index)
        .map((s) => ({ line: s.line.no, text: s.line.text, reason: s.reason })),
      merged: merged.map(({ work: _w, ...m }) => m),
      relations,
      ambiguities: notes,
    },
  };
}

/** Words the page writes in capitals inside ordinary text (IOM, UNCT): kept when a heading is title-cased. */
function pageAcronyms(lines: SourceLine[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines)
    if (/\p{Ll}{3}/u.test(l.text) && !isCapitalsHeading(l.text))
      for (const w of l.text.match(/\b\p{Lu}{2,}\b/gu) ?? []) out.add(w);
  return out;
}

/** The organisation named in most blocks (at least 40%): the page's owner, publisher when none is stated. */
function pageOwner(drafts: Draft[]): Organisation | null {
  const counts = new Map<string, { org: Organisation; n: number }>();
  for (const d of drafts) {
    const names = new Set<string>();
    for (const m of findOrganisations(`${d.title}\n${d.description}`)) {
      if (names.has(m.org.name)) continue;
      names.add(m.org.name);
      const c = counts.get(m.org.name) ?? { org: m.org, n: 0 };
      c.n++;
      counts.set(m.org.name, c);
    }
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return top && top.n >= drafts.length * 0.4 ? top.org : null;
}

/** Projects the page introduces anywhere, with an abbreviation when the page uses its initials. */
function knownProjects(drafts: Draft[], lines: SourceLine[]): ProjectRef[] {
  const all = lines.map((l) => l.text).join('\n');
  const out: ProjectRef[] = [];
  for (const d of drafts) {
    for (const p of projectsInText(d.description)) {
      if (out.some((o) => projectKey(o.name) === projectKey(p.name))) continue;
      if (!p.abbreviation) {
        const initials = (p.name.match(/\p{L}+/gu) ?? []).map((w) => w[0]!.toUpperCase()).join('');
        if (initials.length >= 3 && new RegExp(`\\b${initials}\\b`).test(all)) p.abbreviation = initials;
      }
      out.push(p);
    }
  }
  return out;
}

function buildRecord(d: Draft, projects: ProjectRef[], owner: Organisation | null, repairs: TextRepair[]): Work {
  const notes = [...d.notes];
  const { kind, note } = inferKind(d);
  if (note) notes.push(note);
  const text = d.headline ? `${d.title}. ${d.description}` : d.description;
  const roles = rolesByKind(organisationRoles(text, d.title, projects));
  const publishers = [...d.publishers];
  for (const p of roles.publisher) if (!publishers.some((x) => x.name === p.name)) publishers.push(p);
  const orgAuthors = roles.author.filter((a) => !publishers.some((p) => p.name === a.name));
  if (!publishers.length && !orgAuthors.length && owner) {
    publishers.push(owner.abbreviation ? { name: owner.name, abbreviation: owner.abbreviation } : { name: owner.name });
    notes.push(`publisher not stated; taken to be the page's owner, ${owner.name}`);
  }
  const taken = new Set([...publishers, ...orgAuthors].map((o) => o.name));
  const funders = roles.funder;
  const partners = roles.partner.filter((p) => !taken.has(p.name) && !funders.some((f) => f.name === p.name));
  const explicit = projectsInText(d.description)[0];
  const project =
    (explicit && projects.find((p) => projectKey(p.name) === projectKey(explicit.name))) ??
    explicit ??
    projects.find(
      (p) =>
        d.description.includes(p.name) || (p.abbreviation && new RegExp(`\\b${p.abbreviation}\\b`).test(d.description)),
    ) ??
    null;
  const first = d.lines[0]!.no;
  const last = d.lines.at(-1)!.no;
  const record: ImportRecord = {
    key: '',
    title: d.title,
    subtitle: d.subtitle,
    kind,
    year: d.year,
    pages: d.pages,
    format: d.format,
    languages: d.languages.length ? d.languages : languagesInText(d.description),
    authors: [...d.people, ...orgAuthors.map((o) => ({ ...o, role: 'author' as const, organisation: true as const }))],
    publishers,
    funders,
    partners,
    project,
    series: d.series,
    place: d.place,
    relations: [],
    has_download: d.has_download,
    file_urls: d.file_urls,
    external_url: d.external_url,
    for_sale: d.for_sale,
    print_on_request: d.print_on_request,
    contact_phone: d.contact_phone,
    topics: inferTopics(`${d.title} ${d.subtitle ?? ''}`, d.description),
    countries: inferCountries(`${d.title} ${d.subtitle ?? ''}`, d.description),
    description: d.description,
    ligature_repairs: repairs
      .filter((r) => r.kind === 'ligature' && r.line >= first && r.line <= last)
      .map(({ from, to, line }) => ({ from, to, line })),
    source_lines: [first, last],
    duplicate_lines: [],
    field_confidence: {},
    confidence: 0,
  };
  scoreRecord(record, d, notes);
  const ctx: RelationContext = {
    record,
    refTitle: d.refTitle,
    headline: !!d.headline,
    phase: null,
    seriesName: d.series,
  };
  return { record, draft: d, lines: d.lines, notes, ctx };
}

const SOURCE_CONFIDENCE: Record<string, number> = {
  field: 0.95,
  header: 0.9,
  item: 0.85,
  citation: 0.85,
  title: 0.85,
  byline: 0.75,
  text: 0.6,
  'first-sentence': 0.3,
};

/** Each filled field's confidence from where it came, and the record's (its weakest of title, year, kind). */
function scoreRecord(r: ImportRecord, d: Draft, notes: string[]): void {
  const c: ImportRecord['field_confidence'] = {};
  // A title line that is a whole sentence or very long is less likely to be a title.
  c.title = SOURCE_CONFIDENCE[d.sources.title]! - (r.title.length > 160 ? 0.2 : 0) - (d.headline ? 0.15 : 0);
  if (r.year !== null) c.year = SOURCE_CONFIDENCE[d.sources.year ?? 'text']!;
  c.kind = notes.some((n) => n.startsWith('kind not stated')) ? 0.5 : d.kindMarker ? 0.9 : 0.75;
  if (r.languages.length) c.languages = d.sources.languages ? SOURCE_CONFIDENCE[d.sources.languages]! : 0.6;
  if (r.authors.length) c.authors = SOURCE_CONFIDENCE[d.sources.people ?? 'text']!;
  if (r.pages !== null) c.pages = 0.95;
  r.field_confidence = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.round(v * 100) / 100]));
  // Whether it is a publication at all rests on the title; a missing year lowers it (lists nearly always give one).
  // The kind is most often a guess (a report) and is listed in the record's fields, not held against it.
  r.confidence = Math.min(r.field_confidence.title!, r.field_confidence.year ?? 0.6);
}

/** Folds a repeated listing into the first one; returns what each merge added. */
function mergeDuplicates(works: Work[]): Array<ImportReport['merged'][number] & { work: Work }> {
  const out: Array<ImportReport['merged'][number] & { work: Work }> = [];
  // Only listings with the same normalised title can be the same publication: compare within those groups.
  const groups = new Map<string, Work[]>();
  for (const w of works) {
    const k = normalise(w.record.title);
    const g = groups.get(k);
    if (g) g.push(w);
    else groups.set(k, [w]);
  }
  const gone = new Set<Work>();
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (!sameTitleAndCompatible(a.record, b.record)) continue;
        const { record, added } = mergeRecords(a.record, b.record);
        out.push({ key: '', lines: b.record.source_lines, into: a.record.source_lines, added, work: a });
        a.record = record;
        a.lines = [...a.lines, ...b.lines];
        a.notes.push(
          ...b.notes.filter(
            (n) => !a.notes.includes(n) && !(n.startsWith('publisher not stated') && a.draft.publishers.length),
          ),
        );
        a.draft = {
          ...a.draft,
          skipped: [...a.draft.skipped, ...b.draft.skipped],
          headline: a.draft.headline ?? b.draft.headline,
          refTitle: a.draft.refTitle ?? b.draft.refTitle,
        };
        a.ctx.seriesName ??= b.ctx.seriesName;
        gone.add(b);
        group.splice(j--, 1);
      }
    }
  }
  if (gone.size) {
    const kept = works.filter((w) => !gone.has(w));
    works.length = 0;
    works.push(...kept);
  }
  // In the order of the page: the first listing of each publication.
  out.sort((x, y) => x.into[0] - y.into[0] || x.lines[0] - y.lines[0]);
  return out;
}

/** Keys: the title's slug and year; records that would share one add their kind or subtitle. */
function assignKeys(works: Work[]): void {
  const base = (r: ImportRecord): string => {
    const title = slugify(r.title, r.year ? 60 : 70);
    return r.year && !title.endsWith(`-${r.year}`) ? `${title}-${r.year}` : title;
  };
  const groups = new Map<string, Work[]>();
  for (const w of works) {
    const k = base(w.record);
    const g = groups.get(k);
    if (g) g.push(w);
    else groups.set(k, [w]);
  }
  const used = new Set<string>();
  for (const [key, group] of groups) {
    for (const w of group) {
      let k = key;
      if (group.length > 1) {
        const kindsDiffer = new Set(group.map((g) => g.record.kind)).size === group.length;
        if (
          kindsDiffer &&
          group.some((g) => g !== w && g.record.kind !== w.record.kind) &&
          ['summary', 'executive-summary', 'news'].includes(w.record.kind)
        )
          k = `${key}-${w.record.kind}`;
        else if (!kindsDiffer && w.record.subtitle) k = `${key}-${slugify(w.record.subtitle, 30)}`;
      }
      let unique = k.slice(0, 120).replace(/-+$/, '');
      for (let n = 2; used.has(unique); n++) unique = `${k.slice(0, 115)}-${n}`;
      used.add(unique);
      w.record.key = unique;
    }
  }
}

/**
 * A news headline ("IOM … publishes study on …") that quotes another record's title announces it;
 * one that does not is the publication itself, titled by what the headline says was published.
 */
function resolveHeadlines(works: Work[]): void {
  const all = new TitleIndex(works.map((w) => w.record));
  for (const w of works) {
    const h = w.draft.headline;
    if (!h) continue;
    const quoted = [...w.record.description.matchAll(/[“"«„”]([^“"«„”»]{8,300})[”"»“]/gu)].map((m) => m[1]!);
    const target = quoted.flatMap((q) => recordsTitled(q, all)).find((r) => r !== w.record);
    if (target) {
      w.record.kind = 'news';
      w.notes = w.notes.filter((n) => !n.startsWith('kind not stated'));
      continue;
    }
    const object = h.object.replace(/^(?:the|a|an|new)\s+/i, '');
    w.record.title = object[0]!.toUpperCase() + object.slice(1);
    const k = headKind(object);
    if (k && k.index === 0) w.record.kind = k.kind as ImportRecord['kind'];
    w.notes.push(`title taken from the news headline "${w.draft.title}"`);
    all.add(w.record);
  }
}

/** "(Phase II) “Title”" and "“Title” (Phase I)": phases of the quoted records, and their series. */
function assignPhases(works: Work[]): void {
  const all = new TitleIndex(works.map((w) => w.record));
  const workOf = new Map(works.map((w) => [w.record, w]));
  const seriesNames = new Set(works.map((x) => x.ctx.seriesName).filter((n): n is string => !!n));
  for (const w of works) {
    for (const { quoted, phase } of phasesOfQuotes(w.record.description)) {
      const target = recordsTitled(quoted, all)[0] ?? null;
      const own =
        normalise(quoted) === normalise(`${w.record.title}${w.record.subtitle ?? ''}`) ||
        normalise(quoted) === normalise(w.record.title);
      const tw = own ? w : target && workOf.get(target);
      if (!tw || tw.ctx.phase) continue;
      tw.ctx.phase = phase;
      if (!tw.ctx.seriesName) {
        // "Regional Field assessment 2017 (Phase II)": the words before the phase, matched to a series the page names.
        const s = sentences(w.record.description).find((x) => x.includes(`(${phase})`)) ?? '';
        const lead = /(\p{Lu}[\p{L}\s]{3,60}?)\s+(?:(?:19|20)\d{2}\s+)?\(Phase/u.exec(s)?.[1]?.trim().toLowerCase();
        tw.ctx.seriesName = (lead && [...seriesNames].find((n) => n.toLowerCase().startsWith(lead))) ?? null;
        if (tw.ctx.seriesName) seriesNames.add(tw.ctx.seriesName);
      }
    }
  }
  for (const w of works) {
    if (w.ctx.phase && w.ctx.seriesName) w.record.series = `${w.ctx.seriesName}, ${w.ctx.phase}`;
    else if (w.ctx.phase) w.record.series = w.ctx.phase;
  }
}

export { sameTitleAndCompatible };
