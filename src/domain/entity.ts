// What staff (admin pages and API) may write of an organisation, person, project or topic: one zod schema
// per type, with the identifiers each carries checked (ORCID and ROR by their check digits). No I/O.
import { z } from 'zod';
import { NAME_LANGUAGES } from './names.ts';
import type { EntityType } from './records.ts';

export const ENTITY_TYPES: readonly EntityType[] = ['organisations', 'people', 'projects', 'topics'];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')
  .max(120);
const names = (max: number) => z.partialRecord(z.enum(NAME_LANGUAGES), z.string().trim().min(1).max(max));
const someName = (m: Record<string, unknown>) => Object.keys(m).length > 0;

/** ISO 7064 11,2: the check character of an ORCID iD. */
function orcidCheck(digits: string): string {
  let total = 0;
  for (const d of digits) total = (total + Number(d)) * 2;
  const r = (12 - (total % 11)) % 11;
  return r === 10 ? 'X' : String(r);
}

/** An ORCID iD, given bare or as its https://orcid.org/ address; stored bare. */
export const orcid = z
  .string()
  .trim()
  .transform((s) => s.replace(/^https?:\/\/(www\.)?orcid\.org\//i, '').toUpperCase())
  .refine(
    (s) => /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(s) && orcidCheck(s.replace(/-/g, '').slice(0, 15)) === s.at(-1),
    'an ORCID iD such as 0000-0002-1825-0097',
  );

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** A ROR id, given bare or as its https://ror.org/ address; stored bare (its last two digits check the rest, ISO 7064 97-10). */
export const ror = z
  .string()
  .trim()
  .transform((s) => s.replace(/^https?:\/\/ror\.org\//i, '').toLowerCase())
  .refine((s) => {
    if (!/^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$/.test(s)) return false;
    let n = 0n;
    for (const ch of s.slice(1, 7)) n = n * 32n + BigInt(CROCKFORD.indexOf(ch));
    return 98n - ((n * 100n) % 97n) === BigInt(s.slice(7));
  }, 'a ROR id such as 0xh5k1j73');

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? null : v), schema.nullable().default(null));

export const organisationEdit = z.object({
  slug,
  name: names(300).refine(someName, 'a name in at least one language'),
  abbreviations: names(40).default({}),
  url: optional(z.url({ protocol: /^https?$/ })),
  ror: optional(ror),
});

export const personEdit = z
  .object({
    slug,
    given: names(150).default({}),
    family: names(150).default({}),
    patronymic: names(150).default({}),
    orcid: optional(orcid),
    affiliation: optional(z.string().trim().max(300)),
  })
  .refine((p) => someName(p.given) || someName(p.family), {
    message: 'a given or family name in at least one language',
    path: ['family'],
  });

export const projectEdit = z.object({
  slug,
  name: names(300).refine(someName, 'a name in at least one language'),
  abbreviations: names(40).default({}),
  grants: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});

export const topicEdit = z.object({
  slug,
  name: names(300).refine(someName, 'a label in at least one language'),
});

export const ENTITY_EDIT = {
  organisations: organisationEdit,
  people: personEdit,
  projects: projectEdit,
  topics: topicEdit,
} as const;
export type OrganisationEdit = z.infer<typeof organisationEdit>;
export type PersonEdit = z.infer<typeof personEdit>;
export type ProjectEdit = z.infer<typeof projectEdit>;
export type TopicEdit = z.infer<typeof topicEdit>;
export type EntityEdit = OrganisationEdit | PersonEdit | ProjectEdit | TopicEdit;
