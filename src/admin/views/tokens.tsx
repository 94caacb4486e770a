// The signed-in member of staff's API tokens: the list with a revoke button each, the form for a new
// one, and the page that shows a new token its only time.
import type { MessageKey } from '../../i18n/i18n.ts';
import { TOKEN_DAYS_MAX, TOKEN_NAME_MAX } from '../../domain/api-token.ts';
import type { ApiToken } from '../../store/api-tokens.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import type { FieldError } from '../../http/forms.ts';
import { AdminPage, Csrf, ErrorSummary, fieldAttrs, FieldMessage, when, type Meta } from './frame.tsx';

export interface TokenForm {
  name: string;
  days: string;
}

export function TokensPage(props: {
  meta: Meta;
  session: Session;
  tokens: ApiToken[];
  form: TokenForm;
  errors: FieldError[];
  revoked?: boolean;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const { form, errors } = props;
  const role = t(`user.role.${props.session.user.role}`);
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('admin.tokens')}>
      <h1>{t('admin.tokens')}</h1>
      {props.revoked && (
        <p class="ok" role="status">
          {t('tokens.revoked')}
        </p>
      )}
      <p>{t('tokens.intro', { role })}</p>
      {props.tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.created_at')}</th>
              <th scope="col">{t('tokens.last_used')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.state')}</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((k) => (
              <tr>
                <td>{k.name}</td>
                <td>{when(tr, k.created_at)}</td>
                <td>{k.last_used_at ? when(tr, k.last_used_at) : t('tokens.never')}</td>
                <td>{k.expires_at ? when(tr, k.expires_at) : t('tokens.no_expiry')}</td>
                <td>{t(`tokens.state.${k.state}` as MessageKey)}</td>
                <td>
                  {k.state !== 'revoked' && (
                    <form method="post" action={href(tr.lang, `/admin/tokens/${k.id}/revoke`)}>
                      <Csrf session={props.session} />
                      <button type="submit" aria-label={`${t('tokens.revoke')}: ${k.name}`}>
                        {t('tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="new-token">{t('tokens.new')}</h2>
      <ErrorSummary tr={tr} errors={errors} labels={{ name: t('tokens.name'), days: t('tokens.days') }} />
      <form method="post" action={href(tr.lang, '/admin/tokens')} class="stack" novalidate aria-labelledby="new-token">
        <Csrf session={props.session} />
        <p>
          <label for="f-name">
            {t('tokens.name')} <small>({t('tokens.name_doc')})</small>
          </label>
          <input
            {...fieldAttrs(errors, 'name')}
            value={form.name}
            maxlength={TOKEN_NAME_MAX}
            required
            autocomplete="off"
          />
          <FieldMessage tr={tr} errors={errors} field="name" />
        </p>
        <p>
          <label for="f-days">
            {t('tokens.days')} <small>({t('tokens.days_doc')})</small>
          </label>
          <input
            {...fieldAttrs(errors, 'days')}
            type="number"
            min="1"
            max={TOKEN_DAYS_MAX}
            inputmode="numeric"
            value={form.days}
          />
          <FieldMessage tr={tr} errors={errors} field="days" />
        </p>
        <p>
          <button type="submit">{t('tokens.create')}</button>
        </p>
      </form>
    </AdminPage>
  );
}

/** Shown once, right after it is made: only the token's hash is stored. */
export function TokenMadePage(props: { meta: Meta; session: Session; name: string; token: string }) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('admin.tokens')}>
      <h1>{t('admin.tokens')}</h1>
      <p class="ok" role="status">
        {t('tokens.made', { name: props.name })}
      </p>
      <p>
        <code id="new-token-value">{props.token}</code>
      </p>
      <p>
        <a href={href(tr.lang, '/admin/tokens')}>{t('tokens.back')}</a>
      </p>
    </AdminPage>
  );
}
