// Staff accounts: the list, the form for a new or existing account, and the page showing a setup link.
import type { Translator } from '../../i18n/i18n.ts';
import { ROLES } from '../../domain/roles.ts';
import type { Session } from '../../store/sessions.ts';
import type { User } from '../../store/users.ts';
import { href } from '../../views/href.ts';
import type { FieldError } from '../../http/forms.ts';
import { AdminPage, Csrf, ErrorSummary, fieldAttrs, FieldMessage, when, type Meta } from './frame.tsx';

export interface UserForm {
  email: string;
  name: string;
  role: string;
  disabled: boolean;
}

export function UsersPage(props: { meta: Meta; session: Session; users: User[] }) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={t('admin.users')}>
      <h1>{t('admin.users')}</h1>
      <p>
        <a href={href(tr.lang, '/admin/users/new')}>{t('users.new')}</a>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.since')}</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>
                <a href={href(tr.lang, `/admin/users/${u.id}`)}>{u.email}</a>
                {u.disabled && (
                  <>
                    {' '}
                    <span class="tag">{t('users.disabled')}</span>
                  </>
                )}
              </td>
              <td>{u.name ?? ''}</td>
              <td>{t(`user.role.${u.role}`)}</td>
              <td>{when(tr, u.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminPage>
  );
}

function Fields(props: { tr: Translator; form: UserForm; errors: FieldError[]; isNew: boolean }) {
  const { tr, form, errors } = props;
  const t = tr.t;
  return (
    <>
      {props.isNew ? (
        <p>
          <label for="f-email">{t('users.email')}</label>
          <input {...fieldAttrs(errors, 'email')} type="email" value={form.email} autocomplete="off" />
          <FieldMessage tr={tr} errors={errors} field="email" />
        </p>
      ) : (
        <p>
          {t('users.email')}: {form.email}
        </p>
      )}
      <p>
        <label for="f-name">{t('users.name')}</label>
        <input {...fieldAttrs(errors, 'name')} value={form.name} />
        <FieldMessage tr={tr} errors={errors} field="name" />
      </p>
      <p>
        <label for="f-role">{t('users.role')}</label>
        <select {...fieldAttrs(errors, 'role')}>
          {ROLES.map((r) => (
            <option value={r} selected={r === form.role}>
              {t(`user.role.${r}`)} — {t(`user.role_doc.${r}`)}
            </option>
          ))}
        </select>
        <FieldMessage tr={tr} errors={errors} field="role" />
      </p>
      {!props.isNew && (
        <p>
          <label for="f-disabled">
            <input type="checkbox" id="f-disabled" name="disabled" checked={form.disabled} /> {t('users.disable')}
          </label>
          <FieldMessage tr={tr} errors={errors} field="disabled" />
        </p>
      )}
    </>
  );
}

export function UserFormPage(props: {
  meta: Meta;
  session: Session;
  form: UserForm;
  errors: FieldError[];
  user: User | null;
  notice?: boolean;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const title = props.user ? props.user.email : t('users.new');
  const labels = {
    email: t('users.email'),
    name: t('users.name'),
    role: t('users.role'),
    disabled: t('users.disable'),
  };
  return (
    <AdminPage meta={props.meta} session={props.session} title={title}>
      <h1>{title}</h1>
      {props.notice && (
        <p class="ok" role="status">
          {t('admin.saved')}
        </p>
      )}
      <p>
        <a href={href(tr.lang, '/admin/users')}>{t('users.back')}</a>
      </p>
      <ErrorSummary tr={tr} errors={props.errors} labels={labels} />
      <form
        method="post"
        action={href(tr.lang, props.user ? `/admin/users/${props.user.id}` : '/admin/users')}
        class="stack"
        novalidate
      >
        <Csrf session={props.session} />
        <Fields tr={tr} form={props.form} errors={props.errors} isNew={!props.user} />
        <p>
          <button type="submit">{t(props.user ? 'pubform.save' : 'users.create')}</button>
        </p>
      </form>
      {props.user && (
        <form method="post" action={href(tr.lang, `/admin/users/${props.user.id}/link`)}>
          <Csrf session={props.session} />
          <p>{t('users.link_doc')}</p>
          <p>
            <button type="submit">{t('users.link')}</button>
          </p>
        </form>
      )}
    </AdminPage>
  );
}

/** Shown once, right after it is made: the link is not stored, only its hash. */
export function SetupLinkPage(props: { meta: Meta; session: Session; user: User; link: string; created: boolean }) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <AdminPage meta={props.meta} session={props.session} title={props.user.email}>
      <h1>{props.user.email}</h1>
      <p class="ok" role="status">
        {t(props.created ? 'users.created' : 'users.link_made')}
      </p>
      <p>{t('users.link_send')}</p>
      <p>
        <code>{props.link}</code>
      </p>
      <p>
        <a href={href(tr.lang, `/admin/users/${props.user.id}`)}>{t('users.back_to', { email: props.user.email })}</a>
      </p>
    </AdminPage>
  );
}
