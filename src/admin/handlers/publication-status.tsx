// POST /admin/publications/:slug/status — draft → in review → published → withdrawn (with a reason, in one
// or more languages).
// Contributors move only between draft and in review (policies.ts).
import { STATUSES, type Status } from '../../domain/publication.ts';
import { UI_LANGUAGES, type UiLang } from '../../i18n/i18n.ts';
import { changePublication } from '../../history/record.ts';
import { canChangeStatus } from '../../policies.ts';
import { replacePublication } from '../../store/publications.ts';
import { publicationInputById } from '../../store/snapshots.ts';
import { href } from '../../views/href.ts';
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';
import type { FieldError } from '../../http/forms.ts';

export async function publicationStatus(c: StaffCtx) {
  const pub = await requirePublication(c);
  const body = await c.req.parseBody();
  const to = String(body.status ?? '') as Status;
  // The reason in each language staff give it (reason.en, reason.ru, …): readers see it in theirs.
  const reason: Partial<Record<UiLang, string>> = {};
  for (const l of UI_LANGUAGES) {
    const text = String(body[`reason.${l}`] ?? '').trim();
    if (text) reason[l] = text;
  }
  const errors: FieldError[] = [];
  if (!STATUSES.includes(to)) errors.push({ field: 'status', key: 'form.invalid' });
  else allow(canChangeStatus(actorOf(c), pub.status, to));
  if (to === 'withdrawn' && Object.keys(reason).length === 0)
    errors.push({ field: 'reason', key: 'pubstatus.reason_required' });
  for (const [l, text] of Object.entries(reason))
    if (text.length > 2000) errors.push({ field: `reason.${l}`, key: 'form.too_long', vars: { max: 2000 } });
  if (body._version !== pub.version) errors.push({ field: 'status', key: 'form.changed_meanwhile' });
  if (errors.length)
    return renderEditPage(c, pub, { statusErrors: errors, reason }, body._version !== pub.version ? 409 : 422);
  const db = c.var.deps.db;
  await changePublication(db, pub.id, actorOf(c).id, 'status', async (t) => {
    const input = (await publicationInputById(t, pub.id))!;
    await replacePublication(t, pub.id, { ...input, status: to, withdrawn_reason: to === 'withdrawn' ? reason : null });
  });
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?saved=1`), 303);
}
