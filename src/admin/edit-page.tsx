// Renders the staff page of a publication — after a GET, or again with messages after a refused form.
import type { StatusCode } from 'hono/utils/http-status';
import { recentIngestJobs } from '../store/ingest-jobs.ts';
import { canEditPublication, canSeeIngestJob } from '../policies.ts';
import { fileMetadataOf } from '../store/file-metadata.ts';
import { filesOfPublication } from '../store/file-versions.ts';
import { publicationInputById, publicationRefBySlug, type PublicationRef } from '../store/snapshots.ts';
import { linkedEntityNames, suggestions } from '../store/staff-lists.ts';
import { pageMeta } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';
import { fileSuggestions } from './file-suggestions.ts';
import { actorOf, appCtx, type StaffCtx } from './guard.ts';
import { formFromInput } from './publication-form.ts';
import { EditPublicationPage, type EditState } from './views/publication-page.tsx';

/** The publication named by the route's :slug, or a 404. */
export async function requirePublication(c: StaffCtx): Promise<PublicationRef> {
  const pub = await publicationRefBySlug(c.var.deps.db, c.req.param('slug') ?? '');
  if (!pub) throw notFound();
  return pub;
}

/**
 * The edit page; the form shows the stored values unless the state brings the person's own. The files'
 * suggestions are for the stored record's empty fields: that is what accepting one changes.
 */
export async function renderEditPage(
  c: StaffCtx,
  pub: PublicationRef,
  state: Partial<EditState> = {},
  status: StatusCode = 200,
) {
  const db = c.var.deps.db;
  const actor = actorOf(c);
  const stored = (await publicationInputById(db, pub.id))!;
  const form = state.form ?? formFromInput(stored);
  const editable = canEditPublication(actor, pub.status);
  const jobs = (await recentIngestJobs(db, pub.id)).filter((j) => canSeeIngestJob(actor, j, pub.status));
  const offers = editable ? fileSuggestions(stored, await fileMetadataOf(db, pub.id)) : [];
  const page = (
    <EditPublicationPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      pub={pub}
      state={{ errors: [], ...state, form }}
      suggestions={await suggestions(db)}
      files={await filesOfPublication(db, pub.id)}
      editable={editable}
      jobs={jobs}
      fileSuggestions={offers}
      translations={{ fields: stored, entities: await linkedEntityNames(db, pub.id) }}
    />
  );
  return c.html(page, status as 200);
}
