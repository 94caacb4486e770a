// GET /privacy (and /ru/privacy, /kk/privacy) — what the usage statistics keep about readers, and what not.
import { Layout } from '../views/layout.tsx';
import { type Ctx, pageMeta } from '../http/context.ts';

export function privacyPage(c: Ctx) {
  const t = c.var.tr.t;
  return c.html(
    <Layout {...pageMeta(c)} title={t('privacy.title')} description={t('privacy.counting')}>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.counting')}</p>
      <p>{t('privacy.nothing_kept')}</p>
      <p>{t('privacy.country')}</p>
      <p>{t('privacy.forms')}</p>
    </Layout>,
  );
}
