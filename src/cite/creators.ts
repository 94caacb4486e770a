// Who made a publication, as citations, meta tags and harvested records need it: people split into
// family and given names, organisations kept whole as one corporate name.
import { citationName, entityName } from '../domain/names.ts';
import type { LocalizedText } from '../domain/publication.ts';
import type { PublicationDetail, RoleLink } from '../domain/records.ts';

/** What the creator functions read of a publication. */
export type Credited = Pick<PublicationDetail, 'people' | 'organisations' | 'original_language'>;

export interface Creator {
  type: 'person' | 'organisation';
  /** The name as catalogued: "Aigerim Sultanova", "International Organization for Migration". */
  name: string;
  /** People only. */
  family?: string;
  given?: string;
}

/** A value in the first of the languages that has one, else in any language; null when empty. */
export function pickText(
  value: LocalizedText | null | undefined,
  langs: Array<string | null | undefined>,
): { text: string; lang: string } | null {
  const v = (value ?? {}) as Record<string, string>;
  for (const l of langs) if (l && v[l]) return { text: v[l], lang: l };
  const first = Object.entries(v)[0];
  return first ? { text: first[1], lang: first[0] } : null;
}

/**
 * "Family, Given" as written, else the last word is the family name ("Aigerim Sultanova").
 * A single word stays a family name. Names written family-first without a comma cannot be told apart.
 */
export function splitPersonName(name: string): { family: string; given?: string } {
  const comma = name.indexOf(',');
  if (comma > 0) return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() || undefined };
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { family: words[0]! };
  return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
}

/** "Sultanova, Aigerim" for a person; an organisation's name unchanged. */
export function invertedName(c: Creator): string {
  return c.type === 'person' && c.given ? `${c.family}, ${c.given}` : (c.family ?? c.name);
}

/**
 * The one reader of an entity's name for citing. People: in the first of `langs` their name is written in,
 * from its parts (family, given, patronymic) when staff gave them (src/domain/names.ts), else the one string
 * split; organisations: whole, in the first of langs that has it.
 */
export function creatorOf(link: RoleLink, type: Creator['type'], langs: string[]): Creator {
  if (type === 'organisation') return { type, name: pickText(link.name, langs)!.text };
  const name = entityName(link, langs[0] ?? 'en', langs[1])!.text;
  const parts = citationName(link, langs);
  return { type, name, ...(parts ? { family: parts.family, given: parts.given } : splitPersonName(name)) };
}

/** People and organisations with a role, in catalogue order; organisation names in the given languages first. */
export function creatorsWithRole(p: Credited, role: string, langs: string[] = [p.original_language, 'en']): Creator[] {
  return [
    ...p.people.filter((l) => l.role === role).map((l) => creatorOf(l, 'person', langs)),
    ...p.organisations.filter((l) => l.role === role).map((l) => creatorOf(l, 'organisation', langs)),
  ];
}

/**
 * The authors to cite. When the catalogue names none, editors stand in their place (every style puts
 * them first, marked "(Ed.)"), so there is no author; with no editor either, the publishers are the
 * corporate authors: how an organisation's reports are cited (APA "group author"), and what Google
 * Scholar needs.
 */
export function citedAuthors(p: Credited, langs: string[] = [p.original_language, 'en']): Creator[] {
  const authors = creatorsWithRole(p, 'author', langs);
  if (authors.length > 0) return authors;
  if (creatorsWithRole(p, 'editor', langs).length > 0) return [];
  return creatorsWithRole(p, 'publisher', langs);
}
