// Pages of organisations, people, projects and topics: the index of each kind, and one entity with its publications.
import type { Entity, EntityType, PublicationSummary } from '../domain/records.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { Localized, Pager, PublicationList } from './components.tsx';
import { href } from './href.ts';
import { entityAbbreviation } from '../domain/names.ts';
import type { Translator } from '../i18n/i18n.ts';

/** An entity's identifiers and web address, each as a link where it has one (issue 18). */
function Identifiers(props: { tr: Translator; e: Entity }) {
  const { tr, e } = props;
  const rows = [
    e.orcid && (
      <>
        <dt>ORCID</dt>
        <dd>
          <a href={`https://orcid.org/${e.orcid}`}>{e.orcid}</a>
        </dd>
      </>
    ),
    e.ror && (
      <>
        <dt>ROR</dt>
        <dd>
          <a href={`https://ror.org/${e.ror}`}>{e.ror}</a>
        </dd>
      </>
    ),
    e.url && (
      <>
        <dt>{tr.t('entity.website')}</dt>
        <dd>
          <a href={e.url}>{e.url.replace(/^https?:\/\//, '')}</a>
        </dd>
      </>
    ),
    e.grants.length > 0 && (
      <>
        <dt>{tr.t('entity.grants')}</dt>
        <dd>{e.grants.join(', ')}</dd>
      </>
    ),
  ].filter(Boolean);
  return rows.length ? <dl class="facts">{rows}</dl> : null;
}

export function EntityIndexPage(props: { meta: Omit<PageMeta, 'title'>; type: EntityType; entities: Entity[] }) {
  const { tr } = props.meta;
  const title = tr.t(`entities.${props.type}`);
  return (
    <Layout {...props.meta} title={title}>
      <h1>{title}</h1>
      <ul>
        {props.entities.map((e) => (
          <li>
            <a href={href(tr.lang, `/${props.type}/${e.slug}`)}>
              <Localized tr={tr} value={e.name} />
              {entityAbbreviation(e, tr.lang) && ` (${entityAbbreviation(e, tr.lang)})`}
            </a>{' '}
            <span class="muted">{tr.t('browse.count', { count: e.publication_count })}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function EntityPage(props: {
  meta: Omit<PageMeta, 'title'>;
  entity: Entity;
  items: PublicationSummary[];
  total: number;
  page: number;
  pages: number;
}) {
  const { tr } = props.meta;
  const e = props.entity;
  const name = tr.pick(e.name)!;
  const abbr = entityAbbreviation(e, tr.lang);
  return (
    <Layout
      {...props.meta}
      title={name.text}
      feed={
        e.type === 'topics' || e.type === 'projects'
          ? { href: href(tr.lang, `/${e.type}/${e.slug}/feed.atom`), title: name.text }
          : undefined
      }
    >
      <p class="meta">{tr.t(`entity.${e.type}`)}</p>
      <h1 lang={name.lang === tr.lang ? undefined : name.lang}>
        {name.text}
        {abbr && ` (${abbr})`}
      </h1>
      <Identifiers tr={tr} e={e} />
      <p>{tr.t('browse.count', { count: props.total })}</p>
      <PublicationList tr={tr} items={props.items} headingLevel={2} />
      <Pager tr={tr} base={`/${e.type}/${e.slug}`} params={{}} page={props.page} pages={props.pages} />
    </Layout>
  );
}
