// The login page and the page where a new account chooses its password.
import type { Translator } from '../i18n/i18n.ts';
import { href } from '../views/href.ts';
import { Layout, type PageMeta } from '../views/layout.tsx';
import { PASSWORD_MIN } from './password.ts';

type Meta = Omit<PageMeta, 'title'>;

function Problem(props: { tr: Translator; message: string | null }) {
  return props.message ? (
    <p class="notice" role="alert" id="form-error">
      {props.message}
    </p>
  ) : null;
}

export function LoginPage(props: { meta: Meta; email: string; next: string; message: string | null }) {
  const { tr } = props.meta;
  const t = tr.t;
  const described = props.message ? { 'aria-describedby': 'form-error' } : {};
  return (
    <Layout {...props.meta} title={t('login.title')} noindex>
      <h1>{t('login.title')}</h1>
      <Problem tr={tr} message={props.message} />
      <form method="post" action={href(tr.lang, '/login')}>
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label for="email">{t('login.email')}</label>
          <br />
          <input
            id="email"
            name="email"
            type="email"
            value={props.email}
            autocomplete="username"
            required
            {...described}
          />
        </p>
        <p>
          <label for="password">{t('login.password')}</label>
          <br />
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">{t('login.submit')}</button>
        </p>
      </form>
      <p>{t('login.forgot')}</p>
    </Layout>
  );
}

export function SetupPage(props: { meta: Meta; email: string; action: string; message: string | null }) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <Layout {...props.meta} title={t('setup.title')} noindex>
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro', { email: props.email, min: PASSWORD_MIN })}</p>
      <Problem tr={tr} message={props.message} />
      <form method="post" action={props.action}>
        <input type="text" name="username" value={props.email} autocomplete="username" hidden />
        <p>
          <label for="password">{t('setup.password')}</label>
          <br />
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="new-password"
            minlength={PASSWORD_MIN}
            required
          />
        </p>
        <p>
          <label for="confirm">{t('setup.confirm')}</label>
          <br />
          <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
        </p>
        <p>
          <button type="submit">{t('setup.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}
