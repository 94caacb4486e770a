// oai_dc: the simple Dublin Core record every OAI-PMH repository must offer (spec §4.4), one value
// per language with xml:lang, so a harvester keeps the Russian and Kazakh titles beside the English.
import { rightsOf, rightsStatement } from '../domain/licence.ts';
import { citedAuthors, creatorsWithRole, invertedName } from '../cite/creators.ts';
import { publicationLanguages } from '../cite/reference.ts';
import type { LocalizedText } from '../domain/publication.ts';
import type { PublicationDetail } from '../domain/records.ts';
import { el, leaf } from './xml.ts';

export const OAI_DC = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
} as const;

/** Where a record's links point: the public origin and the record's own page. */
export interface RecordContext {
  origin: string;
  itemUrl: string;
}

/** The languages of a value, the publication's original language first. */
export function languagesOf(value: LocalizedText, original: string): string[] {
  return Object.keys(value).sort((a, b) => (a === original ? -1 : b === original ? 1 : 0));
}

/** A kind's DCMI Type: posters are images, everything else is text. */
export function dcmiType(kind: string): string {
  return kind === 'poster' ? 'Image' : 'Text';
}

/** Identifiers as URIs where a scheme has one (DOI, ISBN URN), else as catalogued. */
export function identifierUris(p: PublicationDetail): string[] {
  return p.identifiers.map((i) =>
    i.scheme === 'doi'
      ? `https://doi.org/${i.value}`
      : i.scheme === 'isbn'
        ? `urn:isbn:${i.value.replace(/[^0-9Xx]/g, '')}`
        : i.value,
  );
}

export function oaiDcRecord(p: PublicationDetail, ctx: RecordContext): string {
  const o = p.original_language;
  const lang = (l: string) => ({ 'xml:lang': l });
  const titles = languagesOf(p.title, o).map((l) => {
    const sub = (p.subtitle as Record<string, string>)[l];
    return leaf(
      'dc:title',
      sub ? `${(p.title as Record<string, string>)[l]}: ${sub}` : (p.title as Record<string, string>)[l],
      lang(l),
    );
  });
  const contributors = ['editor', 'translator', 'illustrator', 'contributor'].flatMap((role) =>
    creatorsWithRole(p, role),
  );
  const countries = new Intl.DisplayNames(['en'], { type: 'region' });
  return el(
    'oai_dc:dc',
    {
      'xmlns:oai_dc': OAI_DC.namespace,
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xsi:schemaLocation': `${OAI_DC.namespace} ${OAI_DC.schema}`,
    },
    [
      ...titles,
      ...citedAuthors(p).map((c) => leaf('dc:creator', invertedName(c))),
      ...p.topics.flatMap((t) =>
        languagesOf(t.name, o).map((l) => leaf('dc:subject', (t.name as Record<string, string>)[l], lang(l))),
      ),
      ...languagesOf(p.abstract, o).map((l) =>
        leaf('dc:description', (p.abstract as Record<string, string>)[l], lang(l)),
      ),
      ...creatorsWithRole(p, 'publisher').map((c) => leaf('dc:publisher', c.name)),
      ...contributors.map((c) => leaf('dc:contributor', invertedName(c))),
      leaf('dc:date', p.published_on ?? p.year),
      leaf('dc:type', dcmiType(p.kind)),
      leaf('dc:type', p.kind),
      ...[...new Set(p.files.map((f) => f.media_type))].map((m) => leaf('dc:format', m)),
      leaf('dc:identifier', ctx.itemUrl),
      ...identifierUris(p).map((u) => leaf('dc:identifier', u)),
      ...publicationLanguages(p).map((l) => leaf('dc:language', l)),
      ...[...p.relations_out, ...p.relations_in].map((r) =>
        leaf('dc:relation', `${ctx.origin}/publications/${r.slug}`),
      ),
      p.series && leaf('dc:relation', p.series),
      ...p.countries.map((c) => leaf('dc:coverage', countries.of(c) ?? c)),
      p.licence && leaf('dc:rights', rightsStatement(rightsOf(p.licence, p.rights_holder)!)),
    ],
  );
}
