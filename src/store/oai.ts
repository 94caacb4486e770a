// The SQL behind OAI-PMH: record headers in harvest order (keyset pages, never OFFSET), sets, and
// resumption tokens kept in a table so that a harvest survives a restart.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import type { LocalizedText } from '../domain/publication.ts';
import { readableEntitySql, readablePublicationSql } from './visibility.ts';

/** One record's header. position is updated_at to the microsecond (UTC): where a page ends. */
export interface OaiHeaderRow {
  id: number;
  slug: string;
  deleted: boolean;
  datestamp: string;
  position: string;
  sets: string[];
}

/** A selective harvest: set, from (inclusive) and until (already turned into an exclusive bound). */
export interface OaiSelection {
  set?: string | null;
  from?: Date | null;
  untilBefore?: Date | null;
}

/** Where the previous page ended. */
export interface OaiKeyset {
  position: string;
  id: number;
}

const UTC_SECOND = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
const UTC_MICRO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

// A record is every publication that was ever public, and every withdrawn one (even one imported as
// withdrawn): those no longer published are deleted records, kept for good (deletedRecord persistent).
const IS_RECORD = `(p.published_at is not null or p.status = 'withdrawn')`;
/** The sets of the publication p: its kind, and the topics and projects readers see. */
const SETS = `array['kind:' || p.kind]
    || array(select 'topic:' || t.slug from publication_topics l join topics t on t.id = l.topic_id where l.publication_id = p.id and ${readableEntitySql('topics', 't')} order by t.slug)
    || array(select 'project:' || e.slug from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id and ${readableEntitySql('projects', 'e')} order by e.slug) as sets`;
const HEADER_COLUMNS = `p.id, p.slug, not (${readablePublicationSql('p')}) as deleted,
  to_char(p.updated_at at time zone 'UTC', ${UTC_SECOND}) as datestamp,
  to_char(p.updated_at at time zone 'UTC', ${UTC_MICRO}) as position, ${SETS}`;

// An old identifier: the slug a publication had before it was renamed, once that publication had been public
// (published before the rename), unless a live publication has taken the slug over. It is a deleted record from
// the rename on, in the sets of its publication; its id is minus the redirect's.
const OLD_FROM = 'publication_redirects r join publications p on p.id = r.publication_id';
const OLD_IS_RECORD = `p.published_at is not null and p.published_at <= r.created_at
  and not exists (select 1 from publications q where q.slug = r.slug)`;
const OLD_HEADER_COLUMNS = `-r.id as id, r.slug, true as deleted,
  to_char(r.created_at at time zone 'UTC', ${UTC_SECOND}) as datestamp,
  to_char(r.created_at at time zone 'UTC', ${UTC_MICRO}) as position, ${SETS}`;

/**
 * The WHERE clause of a selection over the publications p, by the datestamp column `at`; params collects the
 * values. A set that cannot exist matches nothing, and so does a topic or project readers do not see (ListSets
 * does not list it; a record's header does not name it).
 */
function selectionSql(s: OaiSelection, params: unknown[], at: string): string {
  const add = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (s.from) where.push(`${at} >= ${add(s.from)}`);
  if (s.untilBefore) where.push(`${at} < ${add(s.untilBefore)}`);
  if (s.set) {
    const [top, sub, ...rest] = s.set.split(':');
    if (rest.length > 0) where.push('false');
    else if (top === 'kind') where.push(sub ? `p.kind = ${add(sub)}` : 'true');
    else if (top === 'topic') {
      where.push(
        `exists (select 1 from publication_topics l join topics t on t.id = l.topic_id where l.publication_id = p.id${sub ? ` and t.slug = ${add(sub)} and ${readableEntitySql('topics', 't')}` : ''})`,
      );
    } else if (top === 'project') {
      where.push(
        `exists (select 1 from publication_projects l join projects e on e.id = l.project_id where l.publication_id = p.id${sub ? ` and e.slug = ${add(sub)} and ${readableEntitySql('projects', 'e')}` : ''})`,
      );
    } else where.push('false');
  }
  return where.map((w) => ` and ${w}`).join('');
}

/**
 * FROM and WHERE of the two kinds of record a selection holds: publications (p, datestamp p.updated_at) and old
 * identifiers (r joined to its publication p, datestamp r.created_at); with a keyset, only those after it.
 */
function halves(s: OaiSelection, params: unknown[], keyset: string | null = null): [string, string] {
  const after = (key: string) => (keyset ? ` and (${key}) > ${keyset}` : '');
  return [
    `from publications p where ${IS_RECORD}${selectionSql(s, params, 'p.updated_at')}${after('p.updated_at, p.id')}`,
    `from ${OLD_FROM} where ${OLD_IS_RECORD}${selectionSql(s, params, 'r.created_at')}${after('r.created_at, -r.id')}`,
  ];
}

/**
 * The statement of a page of headers in harvest order (datestamp, then id), after a keyset position. Each half
 * takes its own first rows in that order before the two are merged: the publications' walks the partial index
 * publications_oai, so page 100 costs what page 1 does, and sets are worked out for the rows shown alone.
 */
export function oaiHeadersQuery(
  s: OaiSelection,
  after: OaiKeyset | null,
  limit: number,
): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const keyset = after ? `($${params.push(after.position)}::timestamptz, $${params.push(after.id)})` : null;
  const [publications, old] = halves(s, params, keyset);
  const n = `$${params.push(limit)}`;
  const text = `select id, slug, deleted, datestamp, position, sets from (
      (select p.updated_at as at, ${HEADER_COLUMNS} ${publications} order by p.updated_at, p.id limit ${n})
      union all
      (select r.created_at, ${OLD_HEADER_COLUMNS} ${old} order by r.created_at, -r.id limit ${n})
    ) h order by h.at, h.id limit ${n}`;
  return { text, params };
}

/** A page of headers (oaiHeadersQuery). */
export async function oaiHeaders(
  db: Db,
  s: OaiSelection,
  after: OaiKeyset | null,
  limit: number,
): Promise<OaiHeaderRow[]> {
  const q = oaiHeadersQuery(s, after, limit);
  return db.query<OaiHeaderRow>(q.text, q.params);
}

/** How many records a selection holds (completeListSize). */
export async function oaiCount(db: Db, s: OaiSelection): Promise<number> {
  const params: unknown[] = [];
  const [publications, old] = halves(s, params);
  return (await db.one<{ n: number }>(
    `select (select count(*) ${publications})::int + (select count(*) ${old})::int as n`,
    params,
  ))!.n;
}

/** The header of one record (a publication that was public, or an old identifier of one), or null. */
export async function oaiHeaderBySlug(db: Db, slug: string): Promise<OaiHeaderRow | null> {
  return (
    (await db.one<OaiHeaderRow>(`select ${HEADER_COLUMNS} from publications p where p.slug = $1 and ${IS_RECORD}`, [
      slug,
    ])) ??
    db.one<OaiHeaderRow>(`select ${OLD_HEADER_COLUMNS} from ${OLD_FROM} where r.slug = $1 and ${OLD_IS_RECORD}`, [slug])
  );
}

/** The oldest datestamp in the repository, or null when it holds no record. */
export async function oaiEarliestDatestamp(db: Db): Promise<string | null> {
  const [publications, old] = halves({}, []);
  const row = await db.one<{ d: string | null }>(
    `select to_char(least((select min(p.updated_at) ${publications}), (select min(r.created_at) ${old}))
       at time zone 'UTC', ${UTC_SECOND}) as d`,
  );
  return row?.d ?? null;
}

export interface OaiSetRow {
  type: 'topic' | 'project';
  slug: string;
  name: LocalizedText;
}

/** Topics and projects readers see (on a published publication), the sets below "topic" and "project". */
export async function oaiSets(db: Db): Promise<OaiSetRow[]> {
  return db.query<OaiSetRow>(
    `select 'topic' as type, slug, label as name from topics e where ${readableEntitySql('topics', 'e')}
     union all select 'project', slug, name from projects e where ${readableEntitySql('projects', 'e')}
     order by 1 desc, 2`,
  );
}

/** What a resumption token stands for: the list's arguments and where its next page starts. */
export interface ResumptionState {
  verb: 'ListRecords' | 'ListIdentifiers';
  metadataPrefix: string;
  set: string | null;
  from: Date | null;
  untilBefore: Date | null;
  after: OaiKeyset;
  cursor: number;
  completeListSize: number;
  expiresAt: Date;
}

/** Stores a token for the next page and returns it; expired tokens are cleared on the way. */
export async function saveResumptionToken(db: Db, state: ResumptionState): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await db.query('delete from oai_resumption_tokens where expires_at < now()');
  await db.query(
    `insert into oai_resumption_tokens (token, verb, metadata_prefix, set_spec, from_at, until_before, after_updated_at, after_id, cursor, complete_list_size, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, $10, $11)`,
    [
      token,
      state.verb,
      state.metadataPrefix,
      state.set,
      state.from,
      state.untilBefore,
      state.after.position,
      state.after.id,
      state.cursor,
      state.completeListSize,
      state.expiresAt,
    ],
  );
  return token;
}

/** The state of a token that exists and has not expired, or null. */
export async function resumptionState(db: Db, token: string): Promise<ResumptionState | null> {
  const row = await db.one<{
    verb: ResumptionState['verb'];
    metadata_prefix: string;
    set_spec: string | null;
    from_at: Date | null;
    until_before: Date | null;
    position: string;
    after_id: number;
    cursor: number;
    complete_list_size: number;
    expires_at: Date;
  }>(
    `select verb, metadata_prefix, set_spec, from_at, until_before, to_char(after_updated_at at time zone 'UTC', ${UTC_MICRO}) as position,
       after_id, cursor, complete_list_size, expires_at
     from oai_resumption_tokens where token = $1 and expires_at > now()`,
    [token],
  );
  if (!row) return null;
  return {
    verb: row.verb,
    metadataPrefix: row.metadata_prefix,
    set: row.set_spec,
    from: row.from_at,
    untilBefore: row.until_before,
    after: { position: row.position, id: row.after_id },
    cursor: row.cursor,
    completeListSize: row.complete_list_size,
    expiresAt: new Date(row.expires_at),
  };
}
