// The frame of every staff page, and the small pieces their forms share.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Child } from 'hono/jsx';
import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import { canCreatePublication, canHandleRequests, canManageUsers, canSeeFixity } from '../../policies.ts';
import type { Session } from '../../store/sessions.ts';
import { href } from '../../views/href.ts';
import { Layout, type PageMeta } from '../../views/layout.tsx';
import { CSRF_FIELD } from '../../auth/csrf.ts';
import { ADMIN_STYLESHEET_URL } from '../static.ts';
import type { FieldError } from '../../http/forms.ts';

export type Meta = Omit<PageMeta, 'title'>;

/** The hidden field that carries the session's token in every staff form. */
export const Csrf = (props: { session: Session }) => (
  <input type="hidden" name={CSRF_FIELD} value={props.session.csrfToken} />
);

/** A staff page: the readers' frame, the staff navigation, and never indexed; `head` adds to its <head>. */
export function AdminPage(props: {
  meta: Meta;
  session: Session;
  title: string;
  head?: HtmlEscapedString;
  children: Child;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  const u = props.session.user;
  const a = (path: string, key: MessageKey) => <a href={href(tr.lang, path)}>{t(key)}</a>;
  return (
    <Layout
      {...props.meta}
      title={props.title}
      noindex
      head={html`<link rel="stylesheet" href="${ADMIN_STYLESHEET_URL}"/>${props.head ?? ''}` as HtmlEscapedString}
    >
      <nav class="admin-nav" aria-label={t('admin.nav')}>
        {a('/admin', 'admin.publications')}
        {a('/admin/publications/new', 'admin.new_publication')}
        {canCreatePublication(u) && a('/admin/import', 'import.title')}
        {a('/admin/organisations', 'admin.entities')}
        {a('/admin/deleted', 'admin.deleted')}
        {canHandleRequests(u) && a('/admin/requests', 'admin.requests')}
        {canManageUsers(u) && a('/admin/users', 'admin.users')}
        {a('/admin/tokens', 'admin.tokens')}
        {a('/admin/stats', 'stats.nav')}
        {canSeeFixity(u) && a('/admin/fixity', 'fixity.nav')}
        <span class="who">{t('admin.signed_in_as', { email: u.email, role: t(`user.role.${u.role}`) })}</span>
        <form method="post" action={href(tr.lang, '/logout')}>
          <Csrf session={props.session} />
          <button class="link" type="submit">
            {t('admin.logout')}
          </button>
        </form>
        <form method="post" action={href(tr.lang, '/logout/everywhere')}>
          <Csrf session={props.session} />
          <button class="link" type="submit">
            {t('admin.logout_everywhere')}
          </button>
        </form>
      </nav>
      {props.children}
    </Layout>
  );
}

/** The list of a form's problems at its top, each linking to its field (read first by screen readers). */
export function ErrorSummary(props: { tr: Translator; errors: FieldError[]; labels?: Record<string, string> }) {
  if (props.errors.length === 0) return null;
  const { tr } = props;
  return (
    <div class="errors" role="alert" aria-labelledby="error-summary">
      <h2 id="error-summary">{tr.t('form.fix', { count: props.errors.length })}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#f-${e.field.replace(/\./g, '-')}`}>{props.labels?.[e.field] ?? e.field}</a>:{' '}
            {tr.t(e.key, e.vars)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message for one field, if it has one; its id is what aria-describedby points to. */
export function FieldMessage(props: { tr: Translator; errors: FieldError[]; field: string }) {
  const e = props.errors.find((x) => x.field === props.field);
  return e ? (
    <span class="field-error" id={`e-${props.field.replace(/\./g, '-')}`}>
      {' '}
      {props.tr.t(e.key, e.vars)}
    </span>
  ) : null;
}

/** The attributes that tie an input to its id and, when invalid, to its message. */
export function fieldAttrs(errors: FieldError[], field: string) {
  const id = field.replace(/\./g, '-');
  const bad = errors.some((e) => e.field === field);
  return { id: `f-${id}`, name: field, ...(bad ? { 'aria-invalid': 'true', 'aria-describedby': `e-${id}` } : {}) };
}

/** A status as a small coloured tag. */
export const StatusTag = (props: { tr: Translator; status: string }) => (
  <span class={`status status-${props.status}`}>{props.tr.t(`admin.status.${props.status}` as MessageKey)}</span>
);

/** A date and time in the reader's language, in UTC so every member of staff reads the same. */
export function when(tr: Translator, d: Date | string): string {
  return (
    new Intl.DateTimeFormat(tr.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(d)) +
    ' UTC'
  );
}
