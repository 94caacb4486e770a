// PUT and PATCH /api/v1/publications/{slug}/record — the fields of a publication (issue 18), as the staff form saves
// them: the same schema, policy (canEditPublication) and write (replacePublication, recorded in the history with the
// token). PUT sends every field; PATCH a JSON Merge Patch of them. The version the client read (If-Match or
// "version") must be the current one, checked with the row locked: else 409 and nothing is written.
import { changePublication } from '../history/record.ts';
import { canEditPublication } from '../policies.ts';
import { referenceErrors } from '../admin/checks.ts';
import { changeSlug } from '../store/publication-redirects.ts';
import { publicationIdBySlug, replacePublication } from '../store/publications.ts';
import { lockedPublicationVersion, publicationInputById } from '../store/snapshots.ts';
import type { Ctx } from '../http/context.ts';
import { forbidden } from '../http/errors.tsx';
import { checkBody, checkVersion, readJson, requireVersion } from './json-body.ts';
import { refuseFieldErrors } from './field-errors.ts';
import { answerPublication, mergePatch, requirePublicationRef, splitVersion } from './records.ts';
import { publicationWrite } from './schemas.ts';
import { tokenUser } from './token-auth.ts';

export const publicationUpdate = (mode: 'put' | 'patch') => async (c: Ctx) => {
  const user = await tokenUser(c);
  const pub = await requirePublicationRef(c);
  if (!canEditPublication(user, pub.status)) throw forbidden();
  const { version, fields } = splitVersion(await readJson(c));
  const sent = requireVersion(c, version);
  checkVersion(sent, pub.version);
  const db = c.var.deps.db;
  let body: unknown = fields;
  if (mode === 'patch') {
    const { status: _s, withdrawn_reason: _w, ...stored } = (await publicationInputById(db, pub.id))!;
    body = mergePatch({ ...stored, slug: pub.slug }, fields);
  }
  const input = { ...checkBody(publicationWrite, body), status: pub.status, withdrawn_reason: pub.withdrawn_reason };
  const slug = input.slug ?? pub.slug;
  const errors = await referenceErrors(db, input, pub.slug);
  if (slug !== pub.slug && (await publicationIdBySlug(db, slug)) !== null)
    errors.push({ field: 'slug', key: 'form.slug_taken' });
  refuseFieldErrors(c, errors);
  await changePublication(
    db,
    pub.id,
    user.id,
    'edited',
    async (t) => {
      checkVersion(sent, (await lockedPublicationVersion(t, pub.id))!);
      await replacePublication(t, pub.id, input);
      if (slug !== pub.slug && !(await changeSlug(t, pub.id, slug))) throw new Error(`slug ${slug} taken meanwhile`);
    },
    null,
    user.token_id,
  );
  return answerPublication(c, slug);
};
