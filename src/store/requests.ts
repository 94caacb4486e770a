// Readers' requests: print copies ordered and questions asked, with the staff's progress on each.
import type { Db } from '../db/db.ts';
import type { LocalizedText } from '../domain/publication.ts';

export const REQUEST_STATUSES = ['new', 'in_progress', 'done'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type RequestKind = 'order' | 'contact';

export interface NewRequest {
  publication_id: number;
  kind: RequestKind;
  name: string;
  organisation: string | null;
  email: string;
  quantity: number | null;
  postal_address: string | null;
  message: string | null;
  language: string;
}

export interface ReaderRequest extends NewRequest {
  id: number;
  status: RequestStatus;
  handled_by_email: string | null;
  mailed_at: Date | null;
  mail_error: string | null;
  created_at: Date;
  publication_slug: string | null;
  publication_title: LocalizedText | null;
  original_language: string | null;
}

/** Stores a request; returns its id. */
export async function createRequest(db: Db, r: NewRequest): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into reader_requests (publication_id, kind, name, organisation, email, quantity, postal_address, message, language)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [r.publication_id, r.kind, r.name, r.organisation, r.email, r.quantity, r.postal_address, r.message, r.language],
  );
  return row!.id;
}

const SELECT = `select r.*, u.email as handled_by_email, p.slug as publication_slug, p.title as publication_title, p.original_language
  from reader_requests r left join publications p on p.id = r.publication_id left join users u on u.id = r.handled_by`;

/** Requests in a status (all when null), newest first, a page at a time; with the total. */
export async function requestsByStatus(
  db: Db,
  status: RequestStatus | null,
  page: number,
  perPage: number,
): Promise<{ total: number; items: ReaderRequest[] }> {
  const items = await db.query<ReaderRequest>(
    `${SELECT} where ($1::text is null or r.status = $1) order by r.id desc limit $2 offset $3`,
    [status, perPage, (page - 1) * perPage],
  );
  const total = (await db.one<{ n: number }>(
    'select count(*)::int as n from reader_requests where ($1::text is null or status = $1)',
    [status],
  ))!.n;
  return { total, items };
}

/** How many requests wait in each status. */
export async function requestCounts(db: Db): Promise<Record<RequestStatus, number>> {
  const rows = await db.query<{ status: RequestStatus; n: number }>(
    'select status, count(*)::int as n from reader_requests group by status',
  );
  return Object.fromEntries(REQUEST_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<
    RequestStatus,
    number
  >;
}

/** One request, or null. */
export async function requestById(db: Db, id: number): Promise<ReaderRequest | null> {
  return db.one(`${SELECT} where r.id = $1`, [id]);
}

/** Moves a request to a status, noting who did. */
export async function setRequestStatus(db: Db, id: number, status: RequestStatus, userId: number): Promise<void> {
  await db.query('update reader_requests set status = $2, handled_by = $3, updated_at = now() where id = $1', [
    id,
    status,
    userId,
  ]);
}

/** Notes the outcome of mailing a request to staff. */
export async function markMailed(db: Db, id: number, error: string | null): Promise<void> {
  await db.query(
    'update reader_requests set mailed_at = case when $2::text is null then now() end, mail_error = $2 where id = $1',
    [id, error],
  );
}
