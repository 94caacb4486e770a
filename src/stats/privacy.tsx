// GET /privacy (and /ru/, /kk/, /ky/privacy) — what the usage statistics keep about readers, and what not, and
// whose IP-to-country data finds their country (CC BY 4.0 asks for the credit).
import { Layout } from '../views/layout.tsx';
import { countriesInstalled } from './country.ts';
import { type Ctx, pageMeta } from '../http/context.ts';

export function privacyPage(c: Ctx) {
  const t = c.var.tr.t;
  return c.html(
    <Layout {...pageMeta(c)} title={t('privacy.title')} description={t('privacy.counting')}>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.counting')}</p>
      <p>{t('privacy.nothing_kept')}</p>
      <p>{t('privacy.country')}</p>
      {countriesInstalled() && (
        <p>
          {t('privacy.country_source')} <a href="https://www.nro.net/">NRO</a>,{' '}
          <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.
        </p>
      )}
      <p>{t('privacy.forms')}</p>
    </Layout>,
  );
}
