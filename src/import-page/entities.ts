// Who made, paid for and helped with a publication, read from its description: organisations take a
// role from the phrase that governs them ("financially supported by", "in cooperation with",
// "published by", "prepared by"); people from "Written by … and illustrated by …"; projects from
// "within the project “…”" and their like.
import type { AuthorRef, OrgRef, PersonRole, ProjectRef } from './record.ts';
import { findOrganisations, orgHeadWords, type Organisation } from './vocabulary.ts';

export type OrgRole = 'publisher' | 'funder' | 'partner' | 'author';

const CUES: Array<{ role: OrgRole; re: RegExp; backward?: true }> = [
  {
    role: 'funder',
    re: /\b(?:made possible (?:by|through) (?:the )?(?:generous )?support of|(?:financially |generously |kindly )?(?:supported|financed|funded|sponsored) by|with (?:the )?(?:generous )?financial support (?:of|from)|financial support (?:of|from)|funding (?:of|from)|grant from|at the expense of)\b/gi,
  },
  { role: 'funder', re: /\b(?:agreed to )?(?:jointly )?fund(?:ed)?\s+(?:a|an|the|this)\b/gi, backward: true },
  {
    role: 'partner',
    re: /\b(?:in (?:close )?(?:cooperation|co-operation|partnership|collaboration) with|together with|jointly with|with (?:the )?support of|under the auspices of|implemented by|thanks to|with the participation of)\b/gi,
  },
  { role: 'publisher', re: /\b(?:(?:jointly |recently )?(?:published|produced|issued) by|publisher:)/gi },
  { role: 'author', re: /\b(?:prepared|developed|written|compiled|authored) by\b/gi },
];
const SUBJECT_VERBS: Array<{ role: OrgRole; re: RegExp }> = [
  {
    role: 'publisher',
    re: /\b(?:publishes|published|has published|have published|presents|presented|releases|released|launches|launched|issued)\b/i,
  },
  { role: 'author', re: /\b(?:conducted|prepared|developed|wrote|carried out)\b/i },
];
const ROLE_ORDER: OrgRole[] = ['author', 'publisher', 'funder', 'partner'];

export interface Mention {
  org: Organisation;
  start: number;
  end: number;
}

/** Sentences of a text (keeps abbreviations like "U.S." and "No." inside). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[\p{Lu}“"«])(?<!\b(?:U\.S|No|Mr|Mrs|Ms|Dr|St|e\.g|i\.e)\.\s+)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

const HEAD = orgHeadWords.join('|');
const GENERIC_ORG = new RegExp(
  `(?:\\p{Lu}[\\p{L}'’-]*\\s+(?:(?:of|on|for|and|the|in|under)\\s+)*)*(?:${HEAD})(?:\\s+(?:(?:of|on|for|and|the|in|under)\\s+)*\\p{Lu}[\\p{L}'’-]*)*`,
  'gu',
);

/** Organisations named in a sentence: the vocabulary's, then unknown names with an organisation head word. */
export function mentions(sentence: string): Mention[] {
  const known = findOrganisations(sentence);
  const out: Mention[] = [...known];
  for (const m of sentence.matchAll(GENERIC_ORG)) {
    let name = m[0].replace(/^(?:The|the)\s+/, '').replace(/\s+(?:of|on|for|and|the|in|under)$/u, '');
    const start = m.index + m[0].indexOf(name);
    const end = start + name.length;
    if (name.split(/\s+/).length < 3 || known.some((k) => start < k.end && end > k.start)) continue;
    // "Government officials", "Member States": a head word alone at the start names no one.
    if (new RegExp(`^(?:${HEAD})\\b`, 'u').test(name) && !/\s(?:of|on|for)\s/.test(name)) continue;
    name = name.trim();
    out.push({ org: { name }, start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Roles of the organisations a text names, by the phrases that govern them. */
export function organisationRoles(
  text: string,
  ownTitle: string,
  knownProjects: ProjectRef[],
): Map<string, { org: OrgRef; roles: Set<OrgRole> }> {
  const out = new Map<string, { org: OrgRef; roles: Set<OrgRole> }>();
  const add = (org: Organisation, role: OrgRole): void => {
    const entry = out.get(org.name) ?? {
      org: org.abbreviation ? { name: org.name, abbreviation: org.abbreviation } : { name: org.name },
      roles: new Set<OrgRole>(),
    };
    entry.roles.add(role);
    out.set(org.name, entry);
  };
  for (const s of sentences(text)) {
    const ms = mentions(s);
    if (!ms.length) continue;
    const cues = CUES.flatMap((c) =>
      [...s.matchAll(new RegExp(c.re))].map((m) => ({
        role: c.role,
        start: m.index,
        end: m.index + m[0].length,
        backward: !!c.backward,
      })),
    );
    cues.sort((a, b) => a.start - b.start);
    for (const [k, m] of ms.entries()) {
      // "… (INL) of the US Embassy in …": a body the previous organisation belongs to, not another party.
      if (k > 0 && /^\)?\s*(?:\([^)]*\)\s*)?of\s+(?:the\s+)?$/.test(s.slice(ms[k - 1]!.end, m.start))) continue;
      const role =
        governingRole(s, m, cues) ??
        cobrandRole(s, m, ms) ??
        donorProjectRole(s, m, knownProjects) ??
        subjectRole(s, m, ownTitle);
      if (role) add(m.org, role);
    }
  }
  return out;
}

function governingRole(
  s: string,
  m: Mention,
  cues: Array<{ role: OrgRole; start: number; end: number; backward: boolean }>,
): OrgRole | null {
  const forward = cues.filter((c) => !c.backward && c.end <= m.start);
  const cue = forward.at(-1);
  if (cue) {
    const between = s.slice(cue.end, m.start);
    // A cue opening the sentence ("In cooperation with partner NGOs, IOM …") reaches only to its comma.
    const fronted = cue.start === 0 && between.includes(',');
    if (!fronted && !/[;:]/.test(between) && between.split(/\s+/).length <= 25) return cue.role;
  }
  const back = cues.find(
    (c) => c.backward && c.start >= m.end && !/[,;]/.test(s.slice(m.end, c.start).replace(/,? and /g, ' ')),
  );
  return back ? back.role : null;
}

/** "IOM CA/Library of the First President …/ USAID Dignity and Rights …": organisations joined by slashes. */
function cobrandRole(s: string, m: Mention, ms: Mention[]): OrgRole | null {
  const i = ms.indexOf(m);
  const joined = (a: Mention | undefined, b: Mention | undefined): boolean =>
    !!a && !!b && /^\s*(?:\p{Lu}{1,4}\s*)?\/\s*$/u.test(s.slice(a.end, b.start));
  if (!joined(ms[i - 1], m) && !joined(m, ms[i + 1])) return null;
  return m.org.donor ? 'funder' : 'partner';
}

/** "USAID Project Dignity and Rights", "USAID DAR": a donor named before a project it pays for. */
function donorProjectRole(s: string, m: Mention, projects: ProjectRef[]): OrgRole | null {
  if (!m.org.donor) return null;
  const after = s.slice(m.end, m.end + 80).replace(/^\s+(?:Project|Programme|Program)\s+/i, ' ');
  return projects.some(
    (p) => after.startsWith(` ${p.name}`) || (p.abbreviation && after.startsWith(` ${p.abbreviation}`)),
  )
    ? 'funder'
    : null;
}

/** "IOM in Kazakhstan published a study …", "The Regional Center …, with …, conducted …": the sentence's subject. */
function subjectRole(s: string, m: Mention, ownTitle: string): OrgRole | null {
  const before = s.slice(0, m.start).trim();
  if (before && !/^(?:the|The)$/.test(before)) {
    // "… the Special Report on … of the Commission on Human Rights …": the publication's own author.
    const own = ownTitle.toLowerCase();
    const lead = s.slice(0, m.start).toLowerCase();
    return own.length > 15 &&
      lead.includes(own) &&
      /\bof\s+(?:the\s+)?$/i.test(lead.slice(lead.lastIndexOf(own) + own.length))
      ? 'author'
      : null;
  }
  const rest = s.slice(m.end);
  for (const v of SUBJECT_VERBS) {
    const hit = v.re.exec(rest);
    if (hit && hit.index < 120) return v.role;
  }
  return null;
}

/** Orders roles and drops "partner" for an organisation that has a stronger role. */
export function rolesByKind(roles: Map<string, { org: OrgRef; roles: Set<OrgRole> }>): Record<OrgRole, OrgRef[]> {
  const out: Record<OrgRole, OrgRef[]> = { author: [], publisher: [], funder: [], partner: [] };
  for (const { org, roles: r } of roles.values()) {
    for (const role of ROLE_ORDER) {
      if (role === 'partner' && r.size > 1) continue;
      if (r.has(role)) out[role].push(org);
    }
  }
  return out;
}

const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?`;
const STOP =
  /^(?:When|The|This|That|These|It|In|On|At|For|With|And|Or|But|A|An|Take|She|He|They|We|However|Who|Which|As|From|To)$/;
const PERSON_CUE =
  /\b(written|illustrated|edited|translated|compiled|foreword|photographs|drawings|designed)\s+by\s+/gi;
const CUE_ROLE: Record<string, PersonRole> = {
  written: 'author',
  illustrated: 'illustrator',
  edited: 'editor',
  translated: 'translator',
  compiled: 'editor',
  foreword: 'contributor',
  photographs: 'contributor',
  drawings: 'illustrator',
  designed: 'contributor',
};

/** A person's name at the start of a text ("Marinka Franulovic and …" → "Marinka Franulovic"), or null. */
export function leadingName(text: string): string | null {
  const words = text.replace(/^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+/, '').split(/\s+/);
  const name: string[] = [];
  for (const w of words) {
    const bare = w.replace(/[,.;:]$/, '');
    if (!new RegExp(`^(?:${NAME_WORD}|\\p{Lu}\\.)$`, 'u').test(bare) || STOP.test(bare) || name.length === 4) break;
    name.push(bare);
    if (bare !== w) break;
  }
  return name.length >= 2 ? name.join(' ') : null;
}

/** People named by "written by …", "illustrated by …"; returns them and the text without those phrases. */
export function peopleInText(text: string): { people: AuthorRef[]; rest: string } {
  const people: AuthorRef[] = [];
  let rest = text;
  for (const m of [...text.matchAll(PERSON_CUE)].reverse()) {
    const after = text.slice(m.index + m[0].length);
    const name = leadingName(after);
    if (!name) continue;
    if (findOrganisations(name).length) {
      people.unshift({ name, role: 'author', organisation: true });
    } else people.unshift({ name, role: CUE_ROLE[m[1]!.toLowerCase()]! });
    const end = m.index + m[0].length + after.indexOf(name) + name.length;
    // Take "and" between two cues along with the first one: "Written by A and illustrated by B".
    rest = rest.slice(0, m.index).replace(/\s+and\s*$/, '') + rest.slice(end);
  }
  return { people, rest: rest.replace(/^\s*[,.;:]?\s*/, '').replace(/\s{2,}/g, ' ') };
}

/** "please contact: Mrs Tatiana Hadjiemmanuel, Deputy Coordinator …, IOM Kazakhstan": the contact person. */
export function contactInText(text: string): { person: AuthorRef; span: [number, number] } | null {
  const m =
    /(?:for more information,?\s*)?(?:please\s+)?contact\s*:?\s*(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)/i.exec(text) ??
    /(?:for more information,?\s*)?please\s+contact\s*:?\s*/i.exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length);
  const name = leadingName(after);
  if (!name || findOrganisations(name).length || new RegExp(`\\b(?:${HEAD})\\b`, 'u').test(name)) return null;
  const tail = after.slice(after.indexOf(name) + name.length);
  const aff = /^,\s*([^.]*?)\s*,?\s*(?=$|\.\s|\.$)/.exec(tail);
  const affiliation = aff?.[1]?.replace(/\s*\/\s*/g, ' / ').replace(/,(?=\S)/g, ', ');
  const end = m.index + m[0].length + after.indexOf(name) + name.length + (aff ? aff[0].length : 0);
  return { person: { name, role: 'contact', ...(affiliation ? { affiliation } : {}) }, span: [m.index, end] };
}

const PROJECT_INTRO = String.raw`(?:within|under|in the framework of|as part of|through)\s+(?:the\s+)?`;
const PROJECT_PATTERNS: RegExp[] = [
  new RegExp(`${PROJECT_INTRO}(?:project|programme|program|initiative)\\s*[“"«„]([^”"»“]{4,200})[”"»“]`, 'giu'),
  new RegExp(`${PROJECT_INTRO}[“"«„]([^”"»“]{4,200})[”"»“]\\s*(?:project|programme|program|initiative)?`, 'giu'),
  new RegExp(
    `${PROJECT_INTRO}((?:\\p{Lu}[\\p{L}-]*\\s+)(?:(?:\\p{Lu}[\\p{L}-]*|on|of|in|and|for)\\s+)+?(?:Project|Programme|Program|Initiative))\\b`,
    'gu',
  ),
  new RegExp(
    `${PROJECT_INTRO}((?:Regional|National|Joint)\\s+(?:Programme|Project|Program)\\s+on\\s+[\\p{L}\\s]+?)(?=\\s+(?:and|supported|funded|financed|with|is|was)\\b|[,.;])`,
    'giu',
  ),
  /\b(?:Project|Programme)\s+((?:\p{Lu}[\p{L}-]*)(?:\s+(?:and|of|for|in|on)\s+\p{Lu}[\p{L}-]*|\s+\p{Lu}[\p{L}-]*)*)/gu,
  /((?:\p{Lu}[\p{L}-]*\s+)(?:(?:\p{Lu}[\p{L}-]*|in|of|on|and|for)\s+)*)\((\p{Lu}{2,})\)\s+(Initiative|Project|Programme)\b/gu,
];

/** Projects a text introduces as such. */
export function projectsInText(text: string): ProjectRef[] {
  const out: ProjectRef[] = [];
  for (const [i, re] of PROJECT_PATTERNS.entries()) {
    for (const m of text.matchAll(re)) {
      if (
        i === 4 &&
        !/\b(?:USAID|IOM|UN|EU|OSCE)\s+(?:Project|Programme)\s+$/.test(
          text.slice(Math.max(0, m.index - 20), m.index + m[0].indexOf(m[1]!)),
        )
      )
        continue;
      let name = (i === 5 ? `${m[1]!.trim()} ${m[3]}` : m[1]!)
        .replace(/^(?:The|the)\s+/, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (name.split(' ').length < 2 && i !== 1) continue;
      if (i === 1 && !/\b(?:project|programme|program|initiative)\b/i.test(m[0])) continue;
      name = name.replace(/[,;.]$/, '');
      const project: ProjectRef = i === 5 ? { name, abbreviation: m[2]! } : { name };
      if (!out.some((p) => projectKey(p.name) === projectKey(name))) out.push(project);
    }
  }
  return out;
}

const GENERIC_WORDS = new Set(['project', 'programme', 'program', 'the', 'of', 'on', 'in', 'and', 'for', 'a', 'an']);
/** Identity of a project however its words are ordered: "Central Asia Regional Migration Programme" = "Regional Programme on migration in Central Asia". */
export const projectKey = (name: string): string =>
  [
    ...new Set(
      name
        .toLowerCase()
        .match(/\p{L}+/gu)
        ?.filter((w) => !GENERIC_WORDS.has(w)) ?? [],
    ),
  ]
    .sort()
    .join(' ');
