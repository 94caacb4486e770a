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

/** A note (staff only) or a reply (mailed to the reader) written about a request. */
export interface RequestMessage {
  id: number;
  request_id: number;
  kind: 'note' | 'reply';
  user_email: string | null;
  subject: string | null;
  body: string;
  sent_to: string | null;
  sent_at: Date | null;
  mail_error: string | null;
  created_at: Date;
}

/** The notes and replies of a request, oldest first. */
export async function requestMessages(db: Db, requestId: number): Promise<RequestMessage[]> {
  return db.query(
    `select m.id, m.request_id, m.kind, u.email as user_email, m.subject, m.body, m.sent_to, m.sent_at, m.mail_error, m.created_at
       from request_messages m left join users u on u.id = m.user_id where m.request_id = $1 order by m.id`,
    [requestId],
  );
}

/** Keeps a note or a reply (before a reply is mailed, so its text is never lost); returns its id. */
export async function addRequestMessage(
  db: Db,
  m: { requestId: number; kind: 'note' | 'reply'; userId: number; body: string; subject?: string; sentTo?: string },
): Promise<number> {
  const row = await db.one<{ id: number }>(
    `insert into request_messages (request_id, kind, user_id, body, subject, sent_to) values ($1, $2, $3, $4, $5, $6) returning id`,
    [m.requestId, m.kind, m.userId, m.body, m.subject ?? null, m.sentTo ?? null],
  );
  await db.query('update reader_requests set handled_by = $2, updated_at = now() where id = $1', [
    m.requestId,
    m.userId,
  ]);
  return row!.id;
}

/** Notes the outcome of mailing a reply: sent now, or the reason it was not. */
export async function markReplySent(db: Db, messageId: number, error: string | null): Promise<void> {
  await db.query(
    'update request_messages set sent_at = case when $2::text is null then now() end, mail_error = $2 where id = $1',
    [messageId, error],
  );
}
