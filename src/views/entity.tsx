// Pages of organisations, people, projects and topics: the index of each kind, and one entity with its publications.
import type { Entity, EntityType, PublicationSummary } from '../domain/records.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { Localized, Pager, PublicationList } from './components.tsx';
import { href } from './href.ts';

export function EntityIndexPage(props: { meta: Omit<PageMeta, 'title'>; type: EntityType; entities: Entity[] }) {
  const { tr } = props.meta;
  const title = tr.t(`entities.${props.type}`);
  return (
    <Layout {...props.meta} title={title}>
      <h1>{title}</h1>
      <ul>
        {props.entities.map((e) => (
          <li>
            <a href={href(tr.lang, `/${props.type}/${e.slug}`)}><Localized tr={tr} value={e.name} />{e.abbreviation && ` (${e.abbreviation})`}</a>{' '}
            <span class="muted">{tr.t('browse.count', { count: e.publication_count })}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function EntityPage(props: { meta: Omit<PageMeta, 'title'>; entity: Entity; items: PublicationSummary[]; total: number; page: number; pages: number }) {
  const { tr } = props.meta;
  const e = props.entity;
  const name = tr.pick(e.name)!;
  return (
    <Layout {...props.meta} title={name.text} feed={e.type === 'topics' || e.type === 'projects' ? { href: href(tr.lang, `/${e.type}/${e.slug}/feed.atom`), title: name.text } : undefined}>
      <p class="meta">{tr.t(`entity.${e.type}`)}</p>
      <h1 lang={name.lang === tr.lang ? undefined : name.lang}>{name.text}{e.abbreviation && ` (${e.abbreviation})`}</h1>
      <p>{tr.t('browse.count', { count: props.total })}</p>
      <PublicationList tr={tr} items={props.items} headingLevel={2} />
      <Pager tr={tr} base={`/${e.type}/${e.slug}`} params={{}} page={props.page} pages={props.pages} />
    </Layout>
  );
}
