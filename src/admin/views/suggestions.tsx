// The files' suggestions for the publication's empty fields: each with its own small form, so accepting
// one needs no JavaScript. The server takes the value from the file again; the form only names it.
import type { Translator } from '../../i18n/i18n.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import type { Suggestion } from '../file-suggestions.ts';
import type { FieldError } from '../../http/forms.ts';
import { Csrf } from './frame.tsx';
import { fieldLabel } from './publication-form.tsx';

export function SuggestionList(props: {
  tr: Translator;
  session: Session;
  slug: string;
  version: string;
  suggestions: Suggestion[];
  errors: FieldError[];
}) {
  const { tr, suggestions, errors } = props;
  const t = tr.t;
  if (suggestions.length === 0 && errors.length === 0) return null;
  return (
    <section aria-labelledby="suggestions-h">
      <h3 id="suggestions-h">{t('suggest.title')}</h3>
      {errors.map((e) => (
        <p class="field-error" role="alert">
          {t(e.key, e.vars)}
        </p>
      ))}
      {suggestions.length > 0 && <p>{t('suggest.intro')}</p>}
      <ul>
        {suggestions.map((s) => (
          <li>
            <form method="post" action={href(tr.lang, `/admin/publications/${props.slug}/suggestions`)} class="inline">
              <Csrf session={props.session} />
              <input type="hidden" name="_version" value={props.version} />
              <input type="hidden" name="field" value={s.field} />
              <input type="hidden" name="file" value={String(s.fileId)} />
              <p>
                <strong>{fieldLabel(tr, s.field)}</strong>: <span lang={s.lang}>{s.value}</span>{' '}
                <small>
                  {s.source && 'page' in s.source
                    ? t('suggest.from_page', { file: s.fileName, page: s.source.page, text: s.source.excerpt })
                    : s.source && 'metadata' in s.source
                      ? t('suggest.from_metadata', { file: s.fileName, key: s.source.metadata })
                      : t('suggest.from', { file: s.fileName })}
                </small>
              </p>
              <p>
                <button type="submit">{t('suggest.use', { field: fieldLabel(tr, s.field) })}</button>
              </p>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
