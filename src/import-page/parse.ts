// One block → a draft record: the header gives title and the rest, labelled lines give fields, and the
// running text becomes the description (after the people, contacts and links in it are taken out).
import {
  imprintLine,
  isDateLine,
  kindMarker,
  parseSubtitleLine,
  parseTitleLine,
  seriesLine,
  titleCase,
} from './header.ts';
import { contactInText, leadingName, peopleInText } from './entities.ts';
import { detectLanguage } from '../text/language.ts';
import type { SourceLine } from './lines.ts';
import type { AuthorRef, OrgRef } from './record.ts';
import { alsoAvailable, dateLineYear, dateSuffix, parseByline, parseCitation } from './items.ts';
import { isCapitalsHeading, isFileLink, isTitleLike, itemText, TEXT_LABEL, type Block, type Skipped } from './split.ts';
import { findLanguages, findOrganisations, headKind } from './vocabulary.ts';

export interface Draft {
  lines: SourceLine[];
  title: string;
  subtitle: string | null;
  series: string | null;
  /** Place of publication: an imprint ("Bishkek, 2016"), a citation's "Almaty: IOM", a "Place:" field. */
  place: string | null;
  phase: string | null;
  year: number | null;
  /** Where each kind clue came from. */
  kindFromTitle: string | null;
  kindMarker: string | null;
  eventDate: boolean;
  pages: number | null;
  format: string[];
  languages: string[];
  people: AuthorRef[];
  publishers: OrgRef[];
  has_download: boolean;
  file_urls: string[];
  external_url: string | null;
  for_sale: boolean;
  print_on_request: boolean;
  contact_phone: string | null;
  description: string;
  /** A news-style headline ("IOM … publishes study on …"): the verb's object. */
  headline: { subject: string; object: string } | null;
  /** Title of the publication this one summarises, when its title names it. */
  refTitle: string | null;
  skipped: Skipped[];
  notes: string[];
  /** URLs met in the text and links, sorted into file_urls and external_url at the end. */
  urls: string[];
  /** A publisher field whose value goes on on the next line. */
  publisherText: string;
  /** "Also available in …" named other language versions. */
  alsoIn?: boolean;
  /** Where the title, year, languages and people came from: decides each field's confidence. */
  sources: {
    title: 'header' | 'item' | 'citation' | 'first-sentence';
    year: 'field' | 'title' | 'byline' | 'text' | null;
    languages: 'field' | 'title' | null;
    people: 'field' | 'citation' | 'byline' | 'text' | null;
  };
}

const SPAM = /\s*This email address is being protected from spambots\.?\s*You need JavaScript enabled to view it\.?/gi;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"”»)]+[^\s<>"”»).,;:]/gi;
const HEADLINE_VERB =
  /\s(publishes|published|has published|presents|presented|releases|released|launches|launched|issues|issued)\s+(.+)$/i;
const NEWS_SUBJECT = /^(?:IOM|UN|[\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+)*)\b/u;

/** Parses a block; acronyms are the page's words in capitals (for title-casing headings). */
export function parseBlock(block: Block, pageAcronyms: Set<string>): Draft {
  const lines = block.paragraphs.flatMap((p) => p.lines);
  const d: Draft = {
    lines,
    title: '',
    subtitle: null,
    series: null,
    place: null,
    phase: null,
    year: null,
    kindFromTitle: null,
    kindMarker: null,
    eventDate: false,
    pages: null,
    format: [],
    languages: [],
    people: [],
    publishers: [],
    has_download: false,
    file_urls: [],
    external_url: null,
    for_sale: false,
    print_on_request: false,
    contact_phone: null,
    description: '',
    headline: null,
    refTitle: null,
    skipped: [],
    notes: [],
    urls: [],
    publisherText: '',
    sources: { title: 'header', year: null, languages: null, people: null },
  };
  let i = 0;
  const header: SourceLine[] = [];
  if (block.paragraphs[0]?.type === 'item') readItem(d, block.paragraphs[i++]!.lines[0]!, pageAcronyms);
  else
    while (i < block.paragraphs.length && block.paragraphs[i]!.type === 'header')
      header.push(...block.paragraphs[i++]!.lines);
  const extras = readHeader(d, header, pageAcronyms);
  if (header.length) d.sources.year = d.year !== null ? 'title' : null;
  if (header.length && d.languages.length) d.sources.languages = 'title';
  for (const l of header) for (const k of l.links) (isFileLink(k.href) ? d.file_urls : d.urls).push(k.href);
  const body: string[] = [...extras];
  let lastField: string | null = null;
  for (const p of block.paragraphs.slice(i)) {
    if (p.type === 'download') {
      d.has_download = true;
      for (const l of p.lines) d.file_urls.push(...l.links.map((k) => k.href));
      continue;
    }
    if (p.type === 'more') {
      for (const l of p.lines) for (const k of l.links) (isFileLink(k.href) ? d.file_urls : d.urls).push(k.href);
      continue;
    }
    if (p.type === 'fields') {
      for (const l of p.lines) lastField = readField(d, l, lastField, body);
      continue;
    }
    lastField = null;
    const text = paragraphText(d, p.lines);
    if (text) body.push(text);
    for (const l of p.lines) {
      for (const k of l.links) (isFileLink(k.href) ? d.file_urls : d.urls).push(k.href);
    }
  }
  if (!d.title) {
    // A block with no title-like line: its first sentence stands in, and the report says so.
    const first = body.shift() ?? '';
    d.title = first.split(/(?<=[.!?])\s/)[0]!.slice(0, 200);
    d.sources.title = 'first-sentence';
    d.notes.push('no title line; the first sentence was taken as the title');
  }
  if (d.year === null) {
    // A year the text states of the publication itself ("published in 2019", "(2019)" after its title).
    const y =
      /(?:published|issued|released|prepared|опубликован\p{L}*|издан\p{L}*|жарияланды|шықты)\s+(?:in\s+|в\s+)?(?:\p{L}+\s+)?((?:19|20)\d{2})/iu.exec(
        body.join(' '),
      );
    if (y) {
      d.year = Number(y[1]);
      d.sources.year = 'text';
    }
  }
  if (d.people.length && !d.sources.people) d.sources.people = 'text';
  d.description = dropRestatedTitle(d, joinParagraphs(body));
  takeUrls(d, d.urls);
  if (d.alsoIn && !d.sources.languages) {
    // "Also available in Russian" without a language field: the listing's own language comes first.
    const own = detectLanguage(`${d.title} ${d.description}`);
    if (own && !d.languages.includes(own)) d.languages.unshift(own);
  }
  // A link to the publication's file is a download, whatever its text says.
  if (d.file_urls.length) d.has_download = true;
  return d;
}

/** A list line that is a whole publication: a citation, or a title with its date, languages and links. */
function readItem(d: Draft, line: SourceLine, acronyms: Set<string>): void {
  const text = itemText(line.text).replace(/[.;]$/, '');
  d.sources.title = 'item';
  const cite = parseCitation(text);
  if (cite) {
    d.title = cite.title;
    d.year = cite.year;
    d.place = cite.place;
    d.sources = { title: 'citation', year: 'title', languages: null, people: 'citation' };
    if (cite.organisation) d.publishers.push({ name: cite.authors[0]! });
    else d.people.push(...cite.authors.map((name) => ({ name, role: 'author' as const })));
    if (cite.publisher && !d.publishers.some((p) => p.name === cite.publisher)) {
      // "Bishkek: OSCE Academy" names the OSCE Academy, not the OSCE: a known organisation only when it is the whole name.
      const known = findOrganisations(cite.publisher).find(
        (m) => m.start === 0 && m.end >= cite.publisher!.replace(/[.\s]+$/, '').length,
      );
      d.publishers.push(
        known
          ? known.org.abbreviation
            ? { name: known.org.name, abbreviation: known.org.abbreviation }
            : { name: known.org.name }
          : { name: cite.publisher },
      );
    }
  } else {
    const dated = dateSuffix(text);
    const t = parseTitleLine(dated ? dated.rest : text);
    const caps = isCapitalsHeading(t.title);
    d.title = caps ? titleCase(t.title, acronyms) : t.title;
    d.subtitle = t.subtitle;
    d.year = dated?.year ?? t.year;
    d.sources.year = d.year !== null ? 'title' : null;
    d.languages.push(...t.languages);
    if (t.languages.length) d.sources.languages = 'title';
    d.kindMarker = t.kindHint;
    d.place = t.place;
  }
  d.kindFromTitle = headKind(d.title)?.kind ?? null;
  for (const k of line.links) (isFileLink(k.href) ? d.file_urls : d.urls).push(k.href);
  if (d.file_urls.length) d.has_download = true;
}

/** Title, subtitle, series, kind markers and the like from the block's leading title-like lines. */
function readHeader(d: Draft, header: SourceLine[], acronyms: Set<string>): string[] {
  const extras: string[] = [];
  if (!header.length) return extras;
  const texts = header.map((l) => l.text);
  let start = 0;
  const series0 = seriesLine(texts[0]!);
  if (
    series0 &&
    texts[1] &&
    isTitleLike(texts[1]) &&
    !kindMarker(texts[1]) &&
    !isDateLine(texts[1]) &&
    !seriesLine(texts[1])
  ) {
    d.series = series0.name;
    d.year = series0.year;
    start = 1;
  }
  const headline = HEADLINE_VERB.exec(texts[start]!);
  if (
    headline &&
    NEWS_SUBJECT.test(texts[start]!) &&
    findOrganisations(texts[start]!.slice(0, headline.index + 1)).length
  ) {
    d.headline = { subject: texts[start]!.slice(0, headline.index), object: headline[2]! };
  }
  const t = parseTitleLine(texts[start]!);
  const caps = isCapitalsHeading(texts[start]!);
  d.title = caps ? titleCase(t.title, acronyms) : t.title;
  d.subtitle = t.subtitle && (caps ? titleCase(t.subtitle, acronyms) : t.subtitle);
  d.year ??= t.year;
  // "Title (2014)", "Title – March 2019": the date is the year, not a subtitle.
  if (d.subtitle && dateLineYear(d.subtitle) !== null) d.subtitle = null;
  d.languages.push(...t.languages);
  d.refTitle = t.refTitle;
  d.kindMarker = t.kindHint;
  d.place = t.place;
  for (const line of texts.slice(start + 1)) {
    const marker = kindMarker(line);
    const series = seriesLine(line);
    const imprint = marker ? null : imprintLine(line);
    if (marker) d.kindMarker = marker;
    else if (imprint) {
      // "Bishkek, 2016" under the title: where and when it was published (and by whom, after a colon).
      d.place ??= imprint.place;
      d.year ??= imprint.year;
      if (imprint.publisher) addPublishers(d, imprint.publisher);
    } else if (isDateLine(line) && /\d\s*[–-]\s*\d/.test(line)) {
      // "18–19 July 2017": the days of an event.
      d.eventDate = true;
      extras.push(line);
    } else if (dateLineYear(line) !== null) {
      // "14 March 2019" under a title: the date the item was published.
      d.year ??= dateLineYear(line);
    } else if (series && (d.subtitle || d.series === null)) {
      d.series = series.name;
      d.year ??= series.year;
    } else if (!d.subtitle) {
      const s = parseSubtitleLine(line);
      d.subtitle = isCapitalsHeading(line) ? titleCase(s.subtitle, acronyms) : s.subtitle;
      d.year ??= s.year;
    } else extras.push(line);
  }
  d.kindFromTitle = headKind(d.title)?.kind ?? (d.subtitle ? (headKind(d.subtitle)?.kind ?? null) : null);
  return extras;
}

/** One labelled line ("Number of pages: 180"); returns the field it filled, for continuation lines. */
function readField(d: Draft, l: SourceLine, lastField: string | null, body: string[]): string | null {
  const also = alsoAvailable(l.text);
  if (also) {
    for (const c of also) if (!d.languages.includes(c)) d.languages.push(c);
    d.alsoIn = true;
    return null;
  }
  const byline = /^[^:：]{1,40}[:：]/u.test(l.text) ? null : parseByline(l.text);
  if (byline) {
    d.people.push(...byline.people.map((name) => ({ name, role: 'author' as const })));
    d.sources.people ??= 'byline';
    if (byline.year !== null && d.year === null) {
      d.year = byline.year;
      d.sources.year = 'byline';
    }
    return null;
  }
  const m = /^([^:：]+)[:：]\s*(.*)$/u.exec(l.text);
  if (!m) {
    // A continuation of the previous field ("International Organization for Migration (IOM), Kazakhstan.").
    if (lastField === 'publisher') addPublishers(d, `${d.publisherText} ${l.text}`);
    else if (lastField === 'author')
      d.people.at(-1)!.affiliation = [d.people.at(-1)!.affiliation, l.text].filter(Boolean).join(' ');
    else body.push(l.text);
    return lastField;
  }
  const label = m[1]!.trim().toLowerCase();
  const value = m[2]!.trim();
  if (
    /^(?:place(?: of publication)?|city|место издания|город издания|басылған жері|шыққан жері|басылып чыккан жери|чыккан жери)$/.test(
      label,
    )
  ) {
    d.place = value.replace(/[.,;]\s*$/, '') || d.place;
    return null;
  }
  if (/^(?:type|document type|тип|вид|түрі)$/.test(label)) {
    const k = headKind(value);
    if (k) d.kindMarker = k.kind;
    else body.push(l.text);
    return null;
  }
  if (/pages|страниц|объ[её]м|бет|көлемі/.test(label)) {
    const n = /\d[\d\s]*/.exec(value);
    d.pages = n ? Number(n[0].replace(/\s/g, '')) : d.pages;
    return 'pages';
  }
  if (/format|формат|пішім/.test(label)) {
    for (const [re, f] of [
      [/pdf/i, 'pdf'],
      [/electronic|e-?book|online|digital|электрон/i, 'electronic'],
      [/print|paper|hard ?copy|печат|бумаж/i, 'print'],
    ] as const) {
      if (re.test(value) && !d.format.includes(f)) d.format.push(f);
    }
    return 'format';
  }
  if (/language|язык|тіл/.test(label)) {
    const langs = findLanguages(value);
    d.sources.languages = 'field';
    for (const c of langs) if (!d.languages.includes(c)) d.languages.push(c);
    const aside = /\(([^)]*)\)/.exec(value)?.[1];
    if (aside && findLanguages(aside).length)
      d.notes.push(
        `languages "${value}": ${findLanguages(aside).join(', ')} taken from the remark "${aside}" (another version of the same publication)`,
      );
    return 'language';
  }
  if (/year|год|жыл|date|published|дата|опубликовано|күні/.test(label)) {
    const y = /(?:19|20)\d{2}/.exec(value);
    if (y) {
      d.sources.year = 'field';
      if (d.year && d.year !== Number(y[0]))
        d.notes.push(`year ${d.year} in the title, ${y[0]} in "${l.text}": the field wins`);
      d.year = Number(y[0]);
    }
    return 'year';
  }
  if (/author|editor|illustrator|автор|редактор/.test(label)) {
    const role = /editor|редактор/.test(label) ? 'editor' : /illustrator/.test(label) ? 'illustrator' : 'author';
    d.sources.people = 'field';
    for (const part of value.split(/\s*;\s*/)) {
      const name = leadingName(part) ?? part.split(',')[0]!.trim();
      const affiliation = part
        .slice(part.indexOf(name) + name.length)
        .replace(/^\s*,\s*/, '')
        .trim();
      d.people.push({ name, role, ...(affiliation ? { affiliation } : {}) });
    }
    return 'author';
  }
  if (/publisher|издатель|издательство|баспа/.test(label)) {
    addPublishers(d, value);
    return 'publisher';
  }
  if (/mail|почта/.test(label)) {
    const rest = value.replace(SPAM, '').trim();
    if (rest) body.push(`${m[1]}: ${rest}`);
    else
      d.skipped.push({ line: l, reason: 'an e-mail address the old page hid behind spam protection: nothing to keep' });
    return null;
  }
  if (/phone|tel|телефон/.test(label)) {
    d.contact_phone = value;
    return 'phone';
  }
  if (/price|цена|баға/.test(label)) {
    d.for_sale = true;
    body.push(l.text);
    return null;
  }
  if (/series|серия|сериясы/.test(label)) {
    d.series = value;
    return 'series';
  }
  body.push(l.text);
  return null;
}

function addPublishers(d: Draft, text: string): void {
  d.publisherText = text;
  const orgs = findOrganisations(text);
  // "Publisher: Sub-Regional Coordination Office for Central Asia," goes on on the next line.
  if (!orgs.length && /,\s*$/.test(text)) return;
  const found = orgs.length ? orgs.map((o) => o.org) : [{ name: text.replace(/[,.]\s*$/, '').trim() }];
  for (const o of found) {
    if (!d.publishers.some((p) => p.name === o.name))
      d.publishers.push(o.abbreviation ? { name: o.name, abbreviation: o.abbreviation } : { name: o.name });
  }
}

/** The running text of one paragraph, with people, contacts, spam notices and labels taken out. */
function paragraphText(d: Draft, lines: SourceLine[]): string {
  // "Dejan Keserovic, / Sub-regional Coordinator …": a signature under a foreword.
  const sig = /^(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}),?$/u.exec(lines[0]!.text);
  if (
    sig &&
    lines.length >= 2 &&
    lines.length <= 6 &&
    lines.slice(1).every((l) => l.text.split(/\s+/).length <= 14) &&
    !findOrganisations(sig[1]!).length
  ) {
    const affiliation = lines
      .slice(1)
      .map((l) => l.text)
      .join(' ')
      .replace(/,(?=\S)/g, ', ')
      .replace(/\s+/g, ' ')
      .replace(/[,.]$/, '');
    d.people.push({ name: sig[1]!, role: 'contributor', affiliation });
    return '';
  }
  const parts: string[] = [];
  for (const l of lines) {
    let text = l.text.replace(TEXT_LABEL, '');
    if (SPAM.test(text)) {
      SPAM.lastIndex = 0;
      text = text
        .replace(SPAM, '')
        .replace(/\s*(?:e-?mail|email)\s*:?\s*$/i, '')
        .trim();
      if (!text) {
        d.skipped.push({
          line: l,
          reason: 'an e-mail address the old page hid behind spam protection: nothing to keep',
        });
        continue;
      }
      d.notes.push(`line ${l.no}: the spam-protection notice in place of an e-mail address was dropped`);
    }
    parts.push(text);
  }
  let text = parts.join(' ').replace(/\s+/g, ' ').trim();
  const contact = contactInText(text);
  if (contact) {
    d.people.push(contact.person);
    text = (text.slice(0, contact.span[0]) + text.slice(contact.span[1])).replace(/^[\s,.;:]+|[\s,;:]+$/g, '').trim();
  }
  const people = peopleInText(text);
  if (people.people.length) {
    d.people.push(...people.people);
    text = people.rest;
  }
  const phone = /\b(?:phones?|tel\.?|telephone)\s*:?\s*(\+?[\d][\d\s()/-]{6,})/i.exec(text);
  if (phone) d.contact_phone ??= phone[1]!.trim();
  if (/\b(?:is|are) (?:for sale|on sale|sold)\b|\bfrom the sales? of\b|\bprice\b/i.test(text)) d.for_sale = true;
  if (
    /\border (?:more |additional |printed |print |hard )?(?:copies|books|cop(?:y|ies) of)\b|\bcopies (?:are )?available (?:on|upon) request\b|\bprint(?:ed)? copies (?:on|upon) (?:order|request)\b/i.test(
      text,
    )
  )
    d.print_on_request = true;
  if (
    /\belectronic (?:version|copy)\b|\bavailable for download\b|\be-?book\b/i.test(text) &&
    !d.format.includes('electronic')
  )
    d.format.push('electronic');
  d.urls.push(...(text.match(URL_RE) ?? []));
  return text;
}

/**
 * "Manual on Care … Kyrgyz Republic Trafficking in persons …", "Trafficking in Women … (November, 2000): …":
 * a description that opens by repeating the title loses the repetition, keeping a date that came with it.
 */
function dropRestatedTitle(d: Draft, text: string): string {
  const title = d.title.toLowerCase();
  if (title.length < 12 || !text.toLowerCase().startsWith(title)) return text;
  let rest = text.slice(title.length);
  const date = /^\s*\(([^)]*)\)\s*:?/.exec(rest);
  if (date) {
    const y = /(?:19|20)\d{2}/.exec(date[1]!);
    if (!y) return text;
    d.year ??= Number(y[0]);
    rest = rest.slice(date[0].length);
  } else if (!/^\s*[:.–—-]?\s+\p{Lu}/u.test(rest)) return text;
  return rest.replace(/^\s*[:.–—-]?\s*/, '');
}

function takeUrls(d: Draft, urls: string[]): void {
  for (const u of urls) {
    const url = u.startsWith('www.') ? `http://${u}` : u;
    if (isFileLink(url)) {
      if (!d.file_urls.includes(url)) d.file_urls.push(url);
    } else d.external_url ??= url;
  }
}

/** Paragraphs → description; a paragraph broken mid-sentence ("… Dignity and" / "Rights in-depth …") is mended. */
function joinParagraphs(paras: string[]): string {
  const out: string[] = [];
  for (const p of paras) {
    const prev = out.at(-1);
    if (prev && !/[.!?:;)”"»]$/.test(prev) && prev.split(/\s+/).length >= 8 && !isTitleLike(p))
      out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out.join('\n\n');
}
