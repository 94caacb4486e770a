// POST /api/v1/publications/{slug}/status — submit for review, publish, withdraw with a reason, or back to draft
// (issue 18), by the staff page's rules: canChangeStatus (a contributor moves only between draft and in review), a
// reason to withdraw, the version the client read (409 when stale), recorded in the history with the token.
import { changePublication } from '../history/record.ts';
import { canChangeStatus } from '../policies.ts';
import { replacePublication } from '../store/publications.ts';
import { lockedPublicationVersion, publicationInputById } from '../store/snapshots.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden, HttpError } from '../http/errors.tsx';
import { checkBody, checkVersion, readJson, requireVersion } from './json-body.ts';
import { refuseFieldErrors } from './field-errors.ts';
import { answerPublication, requirePublicationRef, splitVersion } from './records.ts';
import { statusChange } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export async function publicationStatus(c: Ctx) {
  const user = await tokenUser(c);
  const pub = await requirePublicationRef(c);
  const { version, fields } = splitVersion(await readJson(c));
  const { status: to, reason } = checkBody(statusChange, fields);
  if (to === pub.status) throw new HttpError(409, 'same_status', 'error.status_same', { status: to });
  if (!canChangeStatus(user, pub.status, to)) throw forbidden();
  if (to === 'withdrawn' && !reason) refuseFieldErrors(c, [{ field: 'reason', key: 'pubstatus.reason_required' }]);
  const sent = requireVersion(c, version);
  checkVersion(sent, pub.version);
  const db = c.var.deps.db;
  await changePublication(
    db,
    pub.id,
    user.id,
    'status',
    async (t) => {
      checkVersion(sent, (await lockedPublicationVersion(t, pub.id))!);
      const input = (await publicationInputById(t, pub.id))!;
      await replacePublication(t, pub.id, {
        ...input,
        status: to,
        withdrawn_reason: to === 'withdrawn' ? reason : null,
      });
    },
    null,
    user.token_id,
  );
  return answerPublication(c, pub.slug);
}
