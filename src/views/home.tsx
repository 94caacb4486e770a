import type { PublicationSummary } from '../domain/records.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { PublicationList } from './components.tsx';
import { href } from './href.ts';

export function HomePage(props: {
  meta: Omit<PageMeta, 'title'>;
  newest: PublicationSummary[];
  featured: PublicationSummary[];
  total: number;
}) {
  const { tr } = props.meta;
  const t = tr.t;
  return (
    <Layout
      {...props.meta}
      title={t('home.title')}
      description={t('home.intro')}
      feed={{ href: href(tr.lang, '/feed.atom'), title: t('feed.newest') }}
    >
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <p>
        <a href={href(tr.lang, '/publications')}>{t('home.browse_all', { count: props.total })}</a>
      </p>
      {props.featured.length > 0 && (
        <section aria-labelledby="featured">
          <h2 id="featured">{t('home.featured')}</h2>
          <PublicationList tr={tr} items={props.featured} />
        </section>
      )}
      <section aria-labelledby="newest">
        <h2 id="newest">{t('home.newest')}</h2>
        <PublicationList tr={tr} items={props.newest} />
      </section>
    </Layout>
  );
}
