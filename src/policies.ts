// Every authorisation decision, in one place. Handlers ask; they never compare roles themselves.
//   admin        everything, and the accounts of others
//   editor       edits and publishes any publication, answers readers' requests
//   contributor  creates publications and edits them while they are drafts or in review; cannot publish
// Contributors work as one team: a contributor may edit any draft or record in review, a colleague's too
// (the history names who changed what, and an editor publishes). Past review a record is the editors':
// a contributor then reaches its files as readers do, so never an embargoed or replaced one.
import type { Status } from './domain/publication.ts';
import type { Role } from './domain/roles.ts';

/** Who is asking: a logged-in member of staff. */
export interface Actor {
  id: number;
  role: Role;
}

const publishes = (a: Actor) => a.role === 'admin' || a.role === 'editor';
/** The statuses a contributor may work in: nothing a reader can see. */
const UNPUBLISHED: readonly Status[] = ['draft', 'in_review'];

/** May see the staff pages at all (any enabled account). */
export const canUseAdmin = (_a: Actor) => true;

/** May create a publication (as a draft). */
export const canCreatePublication = (_a: Actor) => true;

/** May change the fields, files and history of a publication in this status. */
export const canEditPublication = (a: Actor, status: Status) => publishes(a) || UNPUBLISHED.includes(status);

/** May move a publication from one status to another: contributors only between draft and in review. */
export function canChangeStatus(a: Actor, from: Status, to: Status): boolean {
  if (from === to) return false;
  return publishes(a) || (UNPUBLISHED.includes(from) && UNPUBLISHED.includes(to));
}

/** The statuses this actor may move a publication to from its current one. */
export function nextStatuses(a: Actor, from: Status, all: readonly Status[]): Status[] {
  return all.filter((to) => canChangeStatus(a, from, to));
}

/**
 * May restore an old version: like editing, and when the old version had another status, like that
 * status change too (a contributor cannot publish by restoring).
 */
export const canRestoreVersion = (a: Actor, current: Status, restored: Status) =>
  canEditPublication(a, current) && (current === restored || canChangeStatus(a, current, restored));

/**
 * May follow an ingest job (its file name, progress and failure): who uploaded it, and whoever may
 * change the files of its publication in its present status.
 */
export const canSeeIngestJob = (a: Actor, job: { user_id: number | null }, status: Status) =>
  job.user_id === a.id || canEditPublication(a, status);

/**
 * May download any version of a publication's files from the staff pages (embargoed, replaced, of an
 * unpublished record): whoever may change its files in its present status.
 */
export const canDownloadAnyFileVersion = (a: Actor, status: Status) => canEditPublication(a, status);

/** May read and answer readers' requests (they hold readers' names and addresses: not for contributors). */
export const canHandleRequests = (a: Actor) => publishes(a);

/** May list, create and change staff accounts. */
export const canManageUsers = (a: Actor) => a.role === 'admin';

/** May see the file checks (fixity): which stored files are damaged or missing, and what uses them. */
export const canSeeFixity = (a: Actor) => a.role === 'admin';

/** May read the usage statistics and donor reports (counts only: nothing about any reader). */
export const canSeeUsage = (_a: Actor) => true;
/**
 * May rename, merge and delete organisations, people, projects and topics (issue 18): they appear on published
 * records, so like publishing. Contributors create them by naming them in a draft.
 */
export const canEditEntities = (a: Actor) => publishes(a);

/** May delete a publication (issue 18): a draft, by whoever may edit it; published records are withdrawn instead. */
export const canDeletePublication = (a: Actor, status: Status) => status === 'draft' && canEditPublication(a, status);

/** May undo a deletion or a merge from the history (issue 18). */
export const canUndoDeletion = (a: Actor) => a.role === 'admin';
