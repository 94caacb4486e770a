// POST /admin/publications/:slug/suggestions — puts one of the files' suggested values into its empty
// field. The form names the field and the file; the value is read from the file again, and refused
// (409) when the field has a value by now. 303 back to the page; the change is recorded like an edit.
import { publicationInput } from '../../domain/publication.ts';
import { changePublication } from '../../history/record.ts';
import { canEditPublication } from '../../policies.ts';
import { fileMetadataOf } from '../../store/file-metadata.ts';
import { replacePublication } from '../../store/publications.ts';
import { publicationInputById } from '../../store/snapshots.ts';
import { href } from '../../views/href.ts';
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import { fileSuggestions, withSuggestion } from '../file-suggestions.ts';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function suggestionApply(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  allow(canEditPublication(actor, pub.status));
  const db = c.var.deps.db;
  const body = await c.req.parseBody();
  const gone = () => renderEditPage(c, pub, { suggestionErrors: [{ field: 'suggestion', key: 'suggest.gone' }] }, 409);
  if (body._version !== pub.version) return gone();
  const input = (await publicationInputById(db, pub.id))!;
  const offer = fileSuggestions(input, await fileMetadataOf(db, pub.id)).find(
    (s) => s.field === body.field && String(s.fileId) === body.file,
  );
  if (!offer) return gone();
  const parsed = publicationInput.safeParse({ ...withSuggestion(input, offer), slug: pub.slug });
  if (!parsed.success)
    return renderEditPage(c, pub, { suggestionErrors: [{ field: 'suggestion', key: 'suggest.invalid' }] }, 422);
  await changePublication(db, pub.id, actor.id, 'edited', (t) => replacePublication(t, pub.id, parsed.data));
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?saved=1`), 303);
}
