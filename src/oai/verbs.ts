// The six OAI-PMH 2.0 verbs (spec §4) over the store: each returns the XML inside <OAI-PMH> or throws an OaiError.
import type { Db } from '../db/db.ts';
import { KINDS } from '../domain/publication.ts';
import { translator, UI_LANGUAGES } from '../i18n/i18n.ts';
import {
  oaiCount,
  oaiEarliestDatestamp,
  oaiHeaderBySlug,
  oaiHeaders,
  oaiSets,
  resumptionState,
  saveResumptionToken,
  type OaiHeaderRow,
  type OaiKeyset,
  type OaiSelection,
} from '../store/oai.ts';
import { publicationBySlug } from '../store/publications.ts';
import { readablePublication, sightOf } from '../visibility.ts';
import { OaiError, type OaiRequest } from './args.ts';
import { OAI_DC, oaiDcRecord } from './dc.ts';
import { MODS, modsRecord } from './mods.ts';
import { utcSeconds } from './response.ts';
import { el, leaf } from './xml.ts';

export interface OaiContext {
  db: Db;
  /** PUBLIC_URL (or the request's origin); baseURL is origin + /oai. */
  origin: string;
  /** The configured repository identifier (oaiRepositoryId), never taken from the request. */
  repositoryId: string;
  adminEmail: string;
  /** Records per ListRecords page. */
  pageSize: number;
  /** Headers per ListIdentifiers page. */
  headersPageSize: number;
  tokenLifetimeMs: number;
  now: Date;
}

export const METADATA_FORMATS = [OAI_DC, MODS] as const;

/**
 * The repository identifier of oai-identifier, configured once so that no request can rename the records:
 * OAI_REPOSITORY_ID, else PUBLIC_URL's host name, else "kitap.local".
 */
export function oaiRepositoryId(config: { OAI_REPOSITORY_ID?: string; PUBLIC_URL?: string }): string {
  return config.OAI_REPOSITORY_ID ?? (config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : 'kitap.local');
}

/** oai:kitap.example.org:labour-migration-2017 — the publication's slug, which never changes, after the repository. */
export function oaiIdentifier(repositoryId: string, slug: string): string {
  return `oai:${repositoryId}:${slug}`;
}

/** The slug an identifier of this repository names, or null for anything else. */
export function slugOfIdentifier(repositoryId: string, identifier: string): string | null {
  const prefix = `oai:${repositoryId}:`;
  const slug = identifier.startsWith(prefix) ? identifier.slice(prefix.length) : '';
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) ? slug : null;
}

const OAI_IDENTIFIER_HOST = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/;

async function identify(ctx: OaiContext): Promise<string> {
  const host = ctx.repositoryId;
  const earliest = (await oaiEarliestDatestamp(ctx.db)) ?? utcSeconds(ctx.now);
  const sample = (await oaiHeaders(ctx.db, {}, null, 1))[0]?.slug ?? 'labour-migration-2017';
  return el('Identify', undefined, [
    leaf('repositoryName', 'Kitap'),
    leaf('baseURL', `${ctx.origin}/oai`),
    leaf('protocolVersion', '2.0'),
    leaf('adminEmail', ctx.adminEmail),
    leaf('earliestDatestamp', earliest),
    leaf('deletedRecord', 'persistent'),
    leaf('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
    leaf('compression', 'gzip'),
    leaf('compression', 'deflate'),
    // The oai-identifier schema needs a dotted domain name: a bare "localhost" gets no description.
    OAI_IDENTIFIER_HOST.test(host) &&
      el('description', undefined, [
        el(
          'oai-identifier',
          {
            xmlns: 'http://www.openarchives.org/OAI/2.0/oai-identifier',
            'xsi:schemaLocation':
              'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd',
          },
          [
            leaf('scheme', 'oai'),
            leaf('repositoryIdentifier', host),
            leaf('delimiter', ':'),
            leaf('sampleIdentifier', `oai:${host}:${sample}`),
          ],
        ),
      ]),
  ]);
}

async function headerForIdentifier(ctx: OaiContext, identifier: string): Promise<OaiHeaderRow> {
  const slug = slugOfIdentifier(ctx.repositoryId, identifier);
  const row = slug ? await oaiHeaderBySlug(ctx.db, slug) : null;
  if (!row) throw new OaiError('idDoesNotExist', `No record has the identifier "${identifier}".`);
  return row;
}

async function listMetadataFormats(ctx: OaiContext, identifier?: string): Promise<string> {
  // Every record, deleted ones included, is available in every format.
  if (identifier !== undefined) await headerForIdentifier(ctx, identifier);
  return el(
    'ListMetadataFormats',
    undefined,
    METADATA_FORMATS.map((f) =>
      el('metadataFormat', undefined, [
        leaf('metadataPrefix', f.prefix),
        leaf('schema', f.schema),
        leaf('metadataNamespace', f.namespace),
      ]),
    ),
  );
}

/** A set's multilingual name, as an oai_dc setDescription with one dc:title per language. */
function setDescription(titles: Array<[string, string]>): string {
  return el('setDescription', undefined, [
    el(
      'oai_dc:dc',
      {
        'xmlns:oai_dc': OAI_DC.namespace,
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xsi:schemaLocation': `${OAI_DC.namespace} ${OAI_DC.schema}`,
      },
      titles.map(([l, t]) => leaf('dc:title', t, { 'xml:lang': l })),
    ),
  ]);
}

function set(spec: string, name: string, titles?: Array<[string, string]>): string {
  return el('set', undefined, [
    leaf('setSpec', spec),
    leaf('setName', name),
    titles && titles.length > 0 && setDescription(titles),
  ]);
}

/**
 * Sets: kind, topic and project, each with one subset per value (kind:report, topic:labour-migration…).
 * All sets fit in one response, so ListSets never hands out a resumption token; noSetHierarchy never
 * applies, since the repository does support sets.
 */
async function listSets(ctx: OaiContext, resumptionToken?: string): Promise<string> {
  if (resumptionToken !== undefined)
    throw new OaiError('badResumptionToken', 'ListSets is answered in one response; this token is not one of ours.');
  const en = translator('en');
  const rows = await oaiSets(ctx.db);
  const named = (type: 'topic' | 'project') =>
    rows
      .filter((r) => r.type === type)
      .map((r) => {
        const names = Object.entries(r.name as Record<string, string>);
        return set(`${type}:${r.slug}`, (r.name as Record<string, string>).en ?? names[0]?.[1] ?? r.slug, names);
      });
  return el('ListSets', undefined, [
    set('kind', 'Kinds of publication'),
    ...KINDS.map((k) =>
      set(
        `kind:${k}`,
        en.t(`kind.${k}`),
        UI_LANGUAGES.map((l) => [l, translator(l).t(`kind.${k}`)]),
      ),
    ),
    set('topic', 'Topics'),
    ...named('topic'),
    set('project', 'Projects'),
    ...named('project'),
  ]);
}

function header(ctx: OaiContext, row: OaiHeaderRow): string {
  return el('header', row.deleted ? { status: 'deleted' } : undefined, [
    leaf('identifier', oaiIdentifier(ctx.repositoryId, row.slug)),
    leaf('datestamp', row.datestamp),
    ...row.sets.map((s) => leaf('setSpec', s)),
  ]);
}

/** A whole record: the header, and the metadata unless the record is deleted (§2.5.1). */
async function record(ctx: OaiContext, row: OaiHeaderRow, prefix: string): Promise<string> {
  if (row.deleted) return el('record', undefined, [header(ctx, row)]);
  const found = await publicationBySlug(ctx.db, row.slug);
  // Unpublished since the header was read: a deleted record, as the next harvest will say.
  if (!found || sightOf(found.status) !== 'shown')
    return el('record', undefined, [header(ctx, { ...row, deleted: true })]);
  const p = readablePublication(found);
  const rc = { origin: ctx.origin, itemUrl: `${ctx.origin}/publications/${p.slug}` };
  const metadata =
    prefix === MODS.prefix
      ? modsRecord(p, rc, row.datestamp, oaiIdentifier(ctx.repositoryId, p.slug))
      : oaiDcRecord(p, rc);
  return el('record', undefined, [header(ctx, row), el('metadata', undefined, [metadata])]);
}

function checkFormat(prefix: string): void {
  if (!METADATA_FORMATS.some((f) => f.prefix === prefix)) {
    throw new OaiError(
      'cannotDisseminateFormat',
      `The metadata format "${prefix}" is not offered; ListMetadataFormats names those that are.`,
    );
  }
}

async function getRecord(ctx: OaiContext, identifier: string, prefix: string): Promise<string> {
  const row = await headerForIdentifier(ctx, identifier);
  checkFormat(prefix);
  return el('GetRecord', undefined, [await record(ctx, row, prefix)]);
}

/** ListIdentifiers and ListRecords: one keyset page, and a token for the next when there is one. */
async function list(
  ctx: OaiContext,
  req: Extract<OaiRequest, { verb: 'ListIdentifiers' | 'ListRecords' }>,
): Promise<string> {
  let prefix: string;
  let selection: OaiSelection;
  let after: OaiKeyset | null = null;
  let cursor = 0;
  let size: number;
  if (req.resumptionToken !== undefined) {
    const state = await resumptionState(ctx.db, req.resumptionToken);
    if (!state || state.verb !== req.verb)
      throw new OaiError(
        'badResumptionToken',
        'The resumptionToken is unknown, has expired, or belongs to another verb.',
      );
    ({ metadataPrefix: prefix, after, cursor, completeListSize: size } = state);
    selection = { set: state.set, from: state.from, untilBefore: state.untilBefore };
  } else {
    prefix = req.metadataPrefix;
    checkFormat(prefix);
    // until is inclusive at its granularity: "until=2024-05-01" takes in the whole of that day.
    const untilBefore =
      req.until && new Date(req.until.at.getTime() + (req.until.granularity === 'day' ? 86_400_000 : 1000));
    selection = { set: req.set, from: req.from?.at, untilBefore };
    size = await oaiCount(ctx.db, selection);
  }
  const pageSize = req.verb === 'ListRecords' ? ctx.pageSize : ctx.headersPageSize;
  const rows = await oaiHeaders(ctx.db, selection, after, pageSize + 1);
  const page = rows.slice(0, pageSize);
  if (page.length === 0) throw new OaiError('noRecordsMatch', 'No record matches these arguments.');

  let token = '';
  if (rows.length > pageSize) {
    const last = page.at(-1)!;
    const expiresAt = new Date(ctx.now.getTime() + ctx.tokenLifetimeMs);
    const next = await saveResumptionToken(ctx.db, {
      verb: req.verb,
      metadataPrefix: prefix,
      set: selection.set ?? null,
      from: selection.from ?? null,
      untilBefore: selection.untilBefore ?? null,
      after: { position: last.position, id: last.id },
      cursor: cursor + page.length,
      completeListSize: Math.max(size, cursor + rows.length),
      expiresAt,
    });
    token = leaf('resumptionToken', next, {
      expirationDate: utcSeconds(expiresAt),
      completeListSize: Math.max(size, cursor + rows.length),
      cursor,
    });
  } else if (req.resumptionToken !== undefined) {
    // §3.5: the last page of a list carries an empty token.
    token = el('resumptionToken', { completeListSize: cursor + page.length, cursor });
  }
  const items =
    req.verb === 'ListRecords'
      ? await Promise.all(page.map((row) => record(ctx, row, prefix)))
      : page.map((row) => header(ctx, row));
  return el(req.verb, undefined, [...items, token]);
}

/** Answers one parsed request. */
export async function answer(ctx: OaiContext, req: OaiRequest): Promise<string> {
  switch (req.verb) {
    case 'Identify':
      return identify(ctx);
    case 'ListMetadataFormats':
      return listMetadataFormats(ctx, req.identifier);
    case 'ListSets':
      return listSets(ctx, req.resumptionToken);
    case 'GetRecord':
      return getRecord(ctx, req.identifier, req.metadataPrefix);
    default:
      return list(ctx, req);
  }
}
