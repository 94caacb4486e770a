// GET and POST /admin/publications/:slug/translate?field=title — one field's languages side by side (issue 18,
// item 4). Saving goes through the one write path with its history, and is refused with 409 when the record
// changed since the form was shown, as the edit form's save is.
import { z } from 'zod';
import { CONTENT_LANGUAGES, publicationInput, type LocalizedText } from '../../domain/publication.ts';
import { TRANSLATED_FIELDS, TRANSLATION_LANGUAGES } from '../../domain/translations.ts';
import { changePublication } from '../../history/record.ts';
import { pageMeta } from '../../http/context.ts';
import { badParams } from '../../http/errors.tsx';
import type { FieldError } from '../../http/forms.ts';
import { canEditPublication } from '../../policies.ts';
import { replacePublication } from '../../store/publications.ts';
import { publicationInputById, type PublicationRef } from '../../store/snapshots.ts';
import { requirePublication } from '../edit-page.tsx';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { TranslatePage, translateHref } from '../views/translations.tsx';

const query = z.object({
  field: z.enum(TRANSLATED_FIELDS).default('title'),
  lang: z.enum(CONTENT_LANGUAGES).optional(),
  saved: z.string().optional(),
});
const MAX = 20_000;

async function open(c: StaffCtx) {
  const pub = await requirePublication(c);
  allow(canEditPublication(actorOf(c), pub.status));
  const q = query.safeParse(c.req.query());
  if (!q.success) throw badParams(q.error);
  const stored = (await publicationInputById(c.var.deps.db, pub.id))!;
  return { pub, q: q.data, stored };
}

function render(
  c: StaffCtx,
  pub: PublicationRef,
  stored: z.infer<typeof publicationInput>,
  field: (typeof TRANSLATED_FIELDS)[number],
  value: LocalizedText,
  extra: { focus?: string | null; errors?: FieldError[]; notice?: boolean; current?: LocalizedText } = {},
  status: 200 | 409 | 422 = 200,
) {
  const title = c.var.tr.pick(stored.title, stored.original_language)?.text ?? pub.slug;
  return c.html(
    <TranslatePage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      pub={pub}
      title={title}
      field={field}
      value={value}
      original={stored.original_language ?? ''}
      focus={extra.focus ?? null}
      errors={extra.errors ?? []}
      notice={extra.notice ?? false}
      current={extra.current}
    />,
    status,
  );
}

export async function publicationTranslateForm(c: StaffCtx) {
  const { pub, q, stored } = await open(c);
  return render(c, pub, stored, q.field, stored[q.field], { focus: q.lang ?? null, notice: Boolean(q.saved) });
}

export async function publicationTranslate(c: StaffCtx) {
  const { pub, q, stored } = await open(c);
  const { field } = q;
  const body = await c.req.parseBody();
  // Languages the form did not show keep their stored value; a language emptied in the form is removed.
  const value: LocalizedText = {};
  for (const l of CONTENT_LANGUAGES) {
    const sent = body[`${field}.${l}`];
    const text = typeof sent === 'string' ? sent.trim() : (stored[field][l] ?? '');
    if (text) value[l] = text;
  }
  if (body._version !== pub.version)
    return render(
      c,
      pub,
      stored,
      field,
      value,
      {
        errors: [{ field: `${field}.${TRANSLATION_LANGUAGES[0]}`, key: 'form.changed_meanwhile' }],
        current: stored[field],
      },
      409,
    );
  const errors: FieldError[] = Object.entries(value)
    .filter(([, v]) => v.length > MAX)
    .map(([l]) => ({ field: `${field}.${l}`, key: 'form.too_long', vars: { max: MAX } }));
  if (field === 'title' && Object.keys(value).length === 0)
    errors.push({ field: `title.${stored.original_language ?? 'en'}`, key: 'form.title_required' });
  const parsed = publicationInput.safeParse({ ...stored, [field]: value });
  if (errors.length || !parsed.success)
    return render(
      c,
      pub,
      stored,
      field,
      value,
      { errors: errors.length ? errors : [{ field: `${field}.en`, key: 'form.invalid' }] },
      422,
    );
  await changePublication(c.var.deps.db, pub.id, actorOf(c).id, 'edited', (t) =>
    replacePublication(t, pub.id, parsed.data),
  );
  return c.redirect(`${translateHref(c.var.tr, pub.slug, field)}&saved=1`, 303);
}
