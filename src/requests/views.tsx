// The public request forms and their "sent" page. No address of staff appears here: requests reach
// them through the inbox and, when configured, by mail.
import type { MessageKey } from '../i18n/i18n.ts';
import type { PublicationDetail } from '../domain/records.ts';
import type { RequestKind } from '../store/requests.ts';
import { href } from '../views/href.ts';
import { Layout, type PageMeta } from '../views/layout.tsx';
import { HONEYPOT, REQUEST_FIELDS, type RequestValues } from './form.ts';

export interface RequestFormState {
  values: Partial<RequestValues>;
  errors: Partial<Record<keyof RequestValues, MessageKey>>;
  message?: string;
}

type Props = {
  meta: Omit<PageMeta, 'title'>;
  kind: RequestKind;
  p: PublicationDetail;
  state: RequestFormState;
  sent?: boolean;
};

const LONG = new Set(['postal_address', 'message']);
const REQUIRED: Record<RequestKind, Set<string>> = {
  order: new Set(['name', 'email', 'quantity', 'postal_address']),
  contact: new Set(['name', 'email', 'message']),
};
const AUTOCOMPLETE: Record<string, string> = {
  name: 'name',
  organisation: 'organization',
  email: 'email',
  postal_address: 'street-address',
};

export function RequestPage(props: Props) {
  const { tr } = props.meta;
  const t = tr.t;
  const { p, kind, state } = props;
  const title = tr.pick(p.title, p.original_language)!;
  const heading = t(`request.${kind}.title`);
  const itemHref = href(tr.lang, `/publications/${p.slug}`);
  return (
    <Layout {...props.meta} title={`${heading}: ${title.text}`} noindex>
      <h1>{heading}</h1>
      <p>
        <a href={itemHref} lang={title.lang === tr.lang ? undefined : title.lang}>
          {title.text}
        </a>
      </p>
      {props.sent ? (
        <p class="notice" role="status">
          {t(`request.${kind}.sent`)}
        </p>
      ) : (
        <>
          <p>{t(`request.${kind}.intro`)}</p>
          {state.message && (
            <p class="notice" role="alert">
              {state.message}
            </p>
          )}
          <form method="post" action={href(tr.lang, `/publications/${p.slug}/${kind}`)}>
            {REQUEST_FIELDS[kind].map((f) => {
              const error = state.errors[f];
              const attrs = {
                id: `f-${f}`,
                name: f,
                required: REQUIRED[kind].has(f),
                autocomplete: AUTOCOMPLETE[f],
                ...(error ? { 'aria-invalid': 'true', 'aria-describedby': `e-${f}` } : {}),
              };
              return (
                <p>
                  <label for={`f-${f}`}>
                    {t(`request.${f === 'postal_address' ? 'address' : f}` as MessageKey)}
                    {REQUIRED[kind].has(f) ? ' *' : ''}
                  </label>
                  <br />
                  {LONG.has(f) ? (
                    <textarea {...attrs} rows={4} cols={50}>
                      {state.values[f] ?? ''}
                    </textarea>
                  ) : (
                    <input
                      {...attrs}
                      type={f === 'email' ? 'email' : f === 'quantity' ? 'number' : 'text'}
                      min={f === 'quantity' ? 1 : undefined}
                      max={f === 'quantity' ? 1000 : undefined}
                      value={state.values[f] ?? ''}
                    />
                  )}
                  {error && (
                    <>
                      <br />
                      <strong id={`e-${f}`}>{t(error)}</strong>
                    </>
                  )}
                </p>
              );
            })}
            <div class="vh" aria-hidden="true">
              <label for="f-hp">{t('request.honeypot')}</label>
              <input id="f-hp" name={HONEYPOT} tabindex={-1} autocomplete="off" />
            </div>
            <p>{t('request.required')}</p>
            <p>
              <button type="submit">{t('request.send')}</button>
            </p>
          </form>
          <p>
            <small>{t('request.privacy')}</small>
          </p>
        </>
      )}
    </Layout>
  );
}
