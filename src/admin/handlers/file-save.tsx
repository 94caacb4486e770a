// POST /admin/publications/:slug/files/:id — a file's language, label per language, embargo date, sample mark,
// licence, and whether it is the cover.
import { FILE_LABEL_LANGUAGES, FILE_LABEL_MAX, fileLabelFields } from '../../domain/file-label.ts';
import { LICENCE_IDS } from '../../domain/licence.ts';
import { changePublication } from '../../history/record.ts';
import { canEditPublication } from '../../policies.ts';
import { clearCover, setCover, staffFile, updateFileMeta } from '../../store/file-versions.ts';
import { href } from '../../views/href.ts';
import { notFound } from '../../http/errors.tsx';
import { filledFields, uploadFieldErrors, uploadMeta } from '../../uploads/meta.ts';
import { renderEditPage, requirePublication } from '../edit-page.tsx';
import { actorOf, allow, type StaffCtx } from '../guard.ts';

export async function fileSave(c: StaffCtx) {
  const pub = await requirePublication(c);
  const actor = actorOf(c);
  allow(canEditPublication(actor, pub.status));
  const db = c.var.deps.db;
  const file = await staffFile(db, pub.id, Number(c.req.param('id')) || 0);
  if (!file || file.replaced_by !== null) throw notFound();
  const body = await c.req.parseBody();
  const parsed = uploadMeta
    .pick({ language: true, embargo_until: true })
    .safeParse(filledFields({ language: body.language, embargo_until: body.embargo_until }));
  if (!parsed.success) return renderEditPage(c, pub, { fileErrors: uploadFieldErrors(parsed.error) }, 422);
  const { language = null, embargo_until: embargo = null } = parsed.data;
  const licence = String(body.licence ?? '') || null;
  const holder =
    String(body.rights_holder ?? '')
      .trim()
      .slice(0, 300) || null;
  if (licence && !LICENCE_IDS.includes(licence))
    return renderEditPage(c, pub, { fileErrors: [{ field: 'licence', key: 'form.invalid' }] }, 422);
  const label = fileLabelFields.safeParse(
    Object.fromEntries(FILE_LABEL_LANGUAGES.map((l) => [`label.${l}`, String(body[`label.${l}`] ?? '')])),
  );
  if (!label.success)
    return renderEditPage(
      c,
      pub,
      {
        fileErrors: label.error.issues.map((i) => ({
          field: String(i.path[0]),
          key: i.code === 'too_big' ? 'form.too_long' : 'form.invalid',
          vars: { max: FILE_LABEL_MAX },
        })),
      },
      422,
    );
  const cover = body.is_cover === 'on';
  await changePublication(db, pub.id, actor.id, 'files', async (t) => {
    await updateFileMeta(t, file.id, {
      language,
      embargo_until: embargo,
      is_sample: body.is_sample === 'on',
      licence,
      rights_holder: holder,
      label: label.data,
    });
    if (cover && !file.is_cover) await setCover(t, pub.id, file.id);
    if (!cover && file.is_cover) await clearCover(t, file.id);
  });
  return c.redirect(href(c.var.tr.lang, `/admin/publications/${pub.slug}?saved=1#files-h`), 303);
}
