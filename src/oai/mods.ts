// MODS 3.8, the richer format. Chosen over DataCite because DataCite's schema makes a DOI mandatory
// (<identifier identifierType="DOI">, minOccurs 1) and most of this catalogue has none; MODS also says
// natively what a library catalogue of multilingual grey literature holds: corporate names as such
// (<name type="corporate">), translated titles (<titleInfo type="translated" xml:lang>), roles from the
// MARC relator list (author, editor, funder, publisher…), series and related works (<relatedItem>
// original/host/preceding…), page extent, and per-language subjects grouped with altRepGroup.
import { creatorOf, creatorsWithRole, pickText } from '../cite/creators.ts';
import { publicationLanguages } from '../cite/reference.ts';
import { rightsOf, rightsStatement, type Rights } from '../domain/licence.ts';
import type { LocalizedText } from '../domain/publication.ts';
import type { PublicationDetail, RelatedPublication } from '../domain/records.ts';
import { dcmiType, languagesOf, type RecordContext } from './dc.ts';
import { el, leaf } from './xml.ts';
import { fullTextFiles } from '../visibility.ts';

export const MODS = {
  prefix: 'mods',
  schema: 'http://www.loc.gov/standards/mods/v3/mods-3-8.xsd',
  namespace: 'http://www.loc.gov/mods/v3',
} as const;

/** Kitap roles → MARC relator codes (https://id.loc.gov/vocabulary/relators). */
const RELATOR: Record<string, string> = {
  author: 'aut',
  editor: 'edt',
  illustrator: 'ill',
  translator: 'trl',
  contributor: 'ctb',
  publisher: 'pbl',
  funder: 'fnd',
  partner: 'ctb',
};

/** Relations as MODS relatedItem types, seen from the source ("out") and from the target ("in"). */
const RELATED: Record<
  string,
  { out: { type?: string; otherType?: string }; in: { type?: string; otherType?: string } }
> = {
  translationOf: { out: { type: 'original' }, in: { type: 'otherVersion', otherType: 'hasTranslation' } },
  partOf: { out: { type: 'host' }, in: { type: 'constituent' } },
  followsUp: { out: { type: 'preceding' }, in: { type: 'succeeding' } },
  summaryOf: { out: { otherType: 'summaryOf' }, in: { otherType: 'hasSummary' } },
  executiveSummaryOf: { out: { otherType: 'executiveSummaryOf' }, in: { otherType: 'hasExecutiveSummary' } },
  validates: { out: { otherType: 'validates' }, in: { otherType: 'validatedBy' } },
  announces: { out: { otherType: 'announces' }, in: { otherType: 'announcedBy' } },
};

const text = (v: LocalizedText, l: string) => (v as Record<string, string>)[l];

/** An element the schema requires to have content: left out altogether when it would be empty. */
function nonEmpty(name: string, children: Array<string | false | null | undefined | 0>): string {
  return children.some(Boolean)
    ? el(
        name,
        undefined,
        children.map((c) => c || null),
      )
    : '';
}

function role(r: string): string {
  return el('role', undefined, [
    RELATOR[r] && leaf('roleTerm', RELATOR[r], { type: 'code', authority: 'marcrelator' }),
    leaf('roleTerm', r, { type: 'text' }),
  ]);
}

function names(p: PublicationDetail): string[] {
  const langs = [p.original_language, 'en'];
  const people = p.people
    .filter((l) => l.role !== 'contact')
    .map((l) => {
      const { name, family, given } = creatorOf(l, 'person', langs);
      return el('name', { type: 'personal' }, [
        leaf('namePart', family, { type: 'family' }),
        leaf('namePart', given, { type: 'given' }),
        leaf('displayForm', name),
        role(l.role),
      ]);
    });
  const orgs = p.organisations.map((l) =>
    el('name', { type: 'corporate' }, [
      leaf('namePart', creatorOf(l, 'organisation', langs).name),
      l.abbreviation && el('alternativeName', { altType: 'acronym' }, [leaf('namePart', l.abbreviation)]),
      role(l.role),
    ]),
  );
  return [...people, ...orgs];
}

/** The licence as MODS states it (issue 18): the statement, and the licence's address as an xlink. */
function accessCondition(r: Rights): string {
  return leaf('accessCondition', rightsStatement(r), {
    type: 'use and reproduction',
    ...(r.url ? { 'xmlns:xlink': 'http://www.w3.org/1999/xlink', 'xlink:href': r.url } : {}),
  });
}

function related(r: RelatedPublication, dir: 'out' | 'in', ctx: RecordContext): string {
  const url = `${ctx.origin}/publications/${r.slug}`;
  const t = pickText(r.title, [r.original_language, 'en']);
  return el('relatedItem', RELATED[r.type]?.[dir] ?? { otherType: r.type }, [
    t && el('titleInfo', { 'xml:lang': t.lang }, [leaf('title', t.text)]),
    leaf('identifier', url, { type: 'uri' }),
    el('location', undefined, [leaf('url', url)]),
  ]);
}

export function modsRecord(p: PublicationDetail, ctx: RecordContext, datestamp: string, oaiIdentifier: string): string {
  const o = p.original_language;
  const titleLangs = languagesOf(p.title, o);
  const titles = titleLangs.map((l, i) =>
    el('titleInfo', i === 0 ? { 'xml:lang': l, usage: 'primary' } : { type: 'translated', 'xml:lang': l }, [
      leaf('title', text(p.title, l)),
      leaf('subTitle', text(p.subtitle, l)),
    ]),
  );
  const languages = publicationLanguages(p);
  const countries = new Intl.DisplayNames(['en'], { type: 'region' });
  return el(
    'mods',
    {
      xmlns: MODS.namespace,
      version: '3.8',
      'xsi:schemaLocation': `${MODS.namespace} ${MODS.schema}`,
    },
    [
      ...titles,
      ...names(p),
      leaf('typeOfResource', dcmiType(p.kind) === 'Image' ? 'still image' : 'text'),
      leaf('genre', p.kind, { authority: 'local' }),
      el('originInfo', { eventType: 'publication' }, [
        ...languagesOf(p.place, o).map((l) =>
          el('place', undefined, [leaf('placeTerm', text(p.place, l), { type: 'text', 'xml:lang': l })]),
        ),
        ...creatorsWithRole(p, 'publisher').map((c) => leaf('publisher', c.name)),
        leaf('dateIssued', p.published_on ?? p.year, { encoding: 'w3cdtf', keyDate: 'yes' }),
        leaf('issuance', 'monographic'),
      ]),
      ...languages.map((l) =>
        el('language', l === o ? { usage: 'primary' } : undefined, [
          leaf('languageTerm', l, { type: 'code', authority: 'rfc5646' }),
        ]),
      ),
      nonEmpty('physicalDescription', [
        ...p.formats.filter((f) => f !== 'pdf').map((f) => leaf('form', f, { authority: 'marcform' })),
        ...[...new Set(p.files.map((f) => f.media_type))].map((m) => leaf('internetMediaType', m)),
        p.pages && leaf('extent', p.pages, { unit: 'pages' }),
      ]),
      ...languagesOf(p.abstract, o).map((l) => leaf('abstract', text(p.abstract, l), { 'xml:lang': l })),
      ...p.topics.flatMap((t) =>
        languagesOf(t.name, o).map((l) =>
          el('subject', { authority: 'local', 'xml:lang': l, altRepGroup: `topic-${t.slug}` }, [
            leaf('topic', text(t.name, l)),
          ]),
        ),
      ),
      ...p.countries.map((c) =>
        el('subject', undefined, [
          leaf('geographic', countries.of(c) ?? c),
          leaf('geographicCode', c, { authority: 'iso3166' }),
        ]),
      ),
      p.series && el('relatedItem', { type: 'series' }, [el('titleInfo', undefined, [leaf('title', p.series)])]),
      ...p.projects.map((e) =>
        el('relatedItem', { otherType: 'project', displayLabel: 'Project' }, [
          el('titleInfo', undefined, [leaf('title', pickText(e.name, [o, 'en'])!.text)]),
        ]),
      ),
      ...p.relations_out.map((r) => related(r, 'out', ctx)),
      ...p.relations_in.map((r) => related(r, 'in', ctx)),
      leaf('identifier', ctx.itemUrl, { type: 'uri' }),
      ...p.identifiers.map((i) => leaf('identifier', i.value, { type: i.scheme === 'url' ? 'uri' : i.scheme })),
      el('location', undefined, [
        leaf('url', ctx.itemUrl, { usage: 'primary', access: 'object in context' }),
        ...fullTextFiles(p.files).map((f) =>
          leaf('url', `${ctx.origin}/publications/${p.slug}/files/${f.id}/${encodeURIComponent(f.original_name)}`, {
            access: 'raw object',
          }),
        ),
      ]),
      p.licence && accessCondition(rightsOf(p.licence, p.rights_holder)!),
      el('recordInfo', undefined, [
        leaf('recordContentSource', 'Kitap'),
        leaf('recordCreationDate', new Date(p.created_at).toISOString().slice(0, 10), { encoding: 'w3cdtf' }),
        leaf('recordChangeDate', datestamp, { encoding: 'w3cdtf' }),
        leaf('recordIdentifier', oaiIdentifier, { source: 'oai' }),
      ]),
    ],
  );
}
