// The item page: every field of a publication, its files, and its relations in both directions.
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { rightsOf } from '../domain/licence.ts';
import { entityAbbreviation } from '../domain/names.ts';
import type { FileRecord, PublicationDetail, RelatedPublication, RoleLink } from '../domain/records.ts';
import { isWebUrl, type LocalizedText } from '../domain/publication.ts';
import type { Translator } from '../i18n/i18n.ts';
import { Layout, type PageMeta } from './layout.tsx';
import { countryName, coverHtml, languageName, localizedText } from './components.tsx';
import { href } from './href.ts';

type Key = Parameters<Translator['t']>[0];

/** Bytes as "1.2 MB" in the reader's number format. */
export function formatSize(tr: Translator, bytes: number): string {
  const units = tr.t('item.size_units').split('|');
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${sizeFormat(tr.lang, i ? 1 : 0).format(n)} ${units[i]}`;
}

/** Number formats by language and decimals, made once (making one costs more than a page's other numbers). */
const sizeFormats = new Map<string, Intl.NumberFormat>();
function sizeFormat(lang: string, decimals: number): Intl.NumberFormat {
  const key = `${lang} ${decimals}`;
  let f = sizeFormats.get(key);
  if (!f) sizeFormats.set(key, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: decimals })));
  return f;
}

// The item page's body is written with html`` (escaped like JSX) rather than JSX: it is rendered for every
// first visit of a page, and hono/jsx's element objects, attribute walks and context look-ups per element cost
// more than the strings themselves (bench/RESULTS.md). The withdrawn page, seldom shown, is JSX around the same pieces.
type H = ReturnType<typeof html> | string;
const join = (parts: H[], sep: string): H[] => parts.flatMap((x, i) => (i > 0 ? [sep, x] : [x]));
/** A lang attribute where the text's language is not the page's. */
const langAttr = (tr: Translator, lang: string) => (lang === tr.lang ? '' : html` lang="${lang}"`);
const field = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
/** Names grouped by role ("Authors: A, B"), linked to their pages, or names alone where those pages may not exist. */
function roles(tr: Translator, links: RoleLink[], base: string, linked = true): H[] {
  return [...new Set(links.map((l) => l.role))].map((role) =>
    field(
      tr.t(`role.${role}` as Key),
      join(
        links
          .filter((l) => l.role === role)
          .map((l) => {
            const abbr = entityAbbreviation(l, tr.lang);
            const name = html`${localizedText(tr, l.name)}${abbr ? ` (${abbr})` : ''}`;
            return linked ? html`<a href="${href(tr.lang, `${base}/${l.slug}`)}">${name}</a>` : name;
          }),
        ', ',
      ),
    ),
  );
}
/** A licence as readers see it (issue 18): its SPDX id linking to its text, or "All rights reserved", and the holder. */
function rights(tr: Translator, licence: string, holder: string | null): H {
  const r = rightsOf(licence, holder)!;
  return html`${r.url ? html`<a href="${r.url}" rel="license">${r.licence}</a>` : tr.t('licence.all_rights_reserved')}${r.holder ? ` © ${r.holder}` : ''}`;
}
function relations(tr: Translator, rels: RelatedPublication[], dir: 'out' | 'in'): H[] {
  return [...new Set(rels.map((r) => r.type))].map((type) =>
    field(
      tr.t(`relation.${type}.${dir}` as Key),
      html`<ul>${rels
        .filter((r) => r.type === type)
        .map(
          (r) =>
            html`<li><a href="${href(tr.lang, `/publications/${r.slug}`)}">${localizedText(tr, r.title, r.original_language)}</a>${r.year ? ` (${r.year})` : ''}</li>`,
        )}</ul>`,
    ),
  );
}
/** A file's row; its name as readers know it: its label in their language (else the file's, the publication's, any), else its upload name. */
function fileRow(tr: Translator, p: PublicationDetail, f: FileRecord): H {
  const t = tr.t;
  const label = tr.pick(f.label, f.language ?? p.original_language);
  const name = !label
    ? f.original_name
    : label.lang === tr.lang
      ? label.text
      : html`<span lang="${label.lang}">${label.text}</span>`;
  const read =
    f.media_type === 'application/pdf' && f.pages
      ? html` · <a href="${href(tr.lang, `/publications/${p.slug}/files/${f.id}/pages/1`)}">${t('reader.read')}</a>`
      : '';
  return html`<tr><td><a href="${`/publications/${p.slug}/files/${f.id}/${encodeURIComponent(f.original_name)}`}" download="">${name}</a>${read}${f.is_sample ? html` <span class="tag">${t('file.sample')}</span>` : ''}${f.licence ? html` · ${rights(tr, f.licence, f.rights_holder ?? null)}` : ''}</td><td>${f.language ? languageName(tr, f.language) : '—'}</td><td>${formatSize(tr, f.size)}</td><td>${f.pages ?? '—'}</td></tr>`;
}
function availability(tr: Translator, p: PublicationDetail): H {
  const t = tr.t;
  const none = !p.download && !p.print_on_request && !p.for_sale && !p.external_url;
  return html`<ul>${p.download ? html`<li>${t('availability.download')}</li>` : ''}${p.print_on_request ? html`<li>${t('availability.print')}: <a href="${href(tr.lang, `/publications/${p.slug}/order`)}">${t('item.order')}</a></li>` : ''}${p.for_sale ? html`<li>${t('availability.sale')}${p.price ? ` (${p.price})` : ''}</li>` : ''}${p.contact_phone ? html`<li>${t('item.phone')}: ${p.contact_phone}</li>` : ''}${p.external_url ? html`<li><a href="${p.external_url}" rel="noopener">${t('availability.external')}</a></li>` : ''}${none ? html`<li>${t('availability.none')}</li>` : ''}</ul>`;
}
function details(tr: Translator, p: PublicationDetail): H[] {
  const t = tr.t;
  const links = (list: Array<{ slug: string; name: LocalizedText }>, base: string) =>
    join(
      list.map((e) => html`<a href="${href(tr.lang, `${base}/${e.slug}`)}">${localizedText(tr, e.name)}</a>`),
      ', ',
    );
  return [
    ...roles(tr, p.people, '/people'),
    ...roles(tr, p.organisations, '/organisations'),
    Object.keys(p.place).length > 0 ? field(t('item.place'), localizedText(tr, p.place, p.original_language)) : '',
    p.published_on ? field(t('item.date'), p.published_on) : p.year ? field(t('item.year'), p.year) : '',
    p.pages ? field(t('item.pages'), tr.number(p.pages)) : '',
    p.formats.length > 0 ? field(t('item.formats'), p.formats.map((f) => t(`format.${f}` as Key)).join(', ')) : '',
    p.languages.length > 0 ? field(t('item.languages'), p.languages.map((l) => languageName(tr, l)).join(', ')) : '',
    p.projects.length > 0 ? field(t('item.projects'), links(p.projects, '/projects')) : '',
    p.series ? field(t('item.series'), p.series) : '',
    p.topics.length > 0 ? field(t('item.topics'), links(p.topics, '/topics')) : '',
    p.countries.length > 0 ? field(t('item.countries'), p.countries.map((c) => countryName(tr, c)).join(', ')) : '',
    ...p.identifiers.map((i) =>
      field(
        t(`identifier.${i.scheme}` as Key),
        i.scheme === 'doi'
          ? html`<a href="${`https://doi.org/${i.value}`}">${i.value}</a>`
          : i.scheme === 'url' && isWebUrl(i.value)
            ? html`<a href="${i.value}">${i.value}</a>`
            : i.value,
      ),
    ),
    p.licence ? field(t('item.licence'), rights(tr, p.licence, p.rights_holder)) : '',
    field(t('item.availability'), availability(tr, p)),
  ];
}

export function PublicationPage(props: {
  meta: Omit<PageMeta, 'title'>;
  p: PublicationDetail;
  cite?: Child;
  usage?: Child;
  preview?: Child;
}) {
  const { tr } = props.meta;
  const { p } = props;
  const t = tr.t;
  const title = tr.pick(p.title, p.original_language)!;
  const abstract = tr.pick(p.abstract, p.original_language);
  const rels = p.relations_out.length + p.relations_in.length > 0;
  const subtitle = Object.keys(p.subtitle).length > 0;
  const files =
    p.files.length === 0
      ? html`<p>${t('item.no_files')}</p>`
      : html`<table><thead><tr><th scope="col">${t('file.name')}</th><th scope="col">${t('file.language')}</th><th scope="col">${t('file.size')}</th><th scope="col">${t('file.pages')}</th></tr></thead><tbody>${p.files.map((f) => fileRow(tr, p, f))}</tbody></table><form method="get" action="${href(tr.lang, '/publications')}"><input type="hidden" name="within" value="${p.slug}"/><label for="within-q">${t('search.within')}</label> <input id="within-q" type="search" name="q"/> <button type="submit">${t('search.submit')}</button></form>`;
  return (
    <Layout {...props.meta} title={title.text} description={abstract?.text.slice(0, 200)}>
      {props.preview}
      {html`<article class="item">${coverHtml(p, true)}<div><p class="meta">${t(`kind.${p.kind}`)}${p.year ? ` · ${p.year}` : ''}</p><h1${langAttr(tr, title.lang)}>${title.text}</h1>${subtitle ? html`<p class="subtitle">${localizedText(tr, p.subtitle, p.original_language)}</p>` : ''}${p.status !== 'published' ? html`<p class="notice">${t(`status.${p.status}`)}</p>` : ''}${abstract ? html`<section aria-labelledby="abstract"><h2 id="abstract">${t('item.abstract')}</h2><p${langAttr(tr, abstract.lang)}>${abstract.text}</p></section>` : ''}<h2>${t('item.details')}</h2><dl class="fields">${details(tr, p)}</dl><p><a href="${href(tr.lang, `/publications/${p.slug}/contact`)}">${t('item.contact')}</a></p><section aria-labelledby="files"><h2 id="files">${t('item.files')}</h2>${files}</section>${props.usage}${props.cite}${rels ? html`<section aria-labelledby="related"><h2 id="related">${t('item.related')}</h2><dl class="fields">${relations(tr, p.relations_out, 'out')}${relations(tr, p.relations_in, 'in')}</dl></section>` : ''}</div></article>`}
    </Layout>
  );
}

/**
 * A withdrawn publication (answered with 410): what identifies and cites it, why it was withdrawn, and
 * what to read instead; no files, no abstract, nothing to order.
 */
export function TombstonePage(props: { meta: Omit<PageMeta, 'title'>; p: PublicationDetail; citation: string }) {
  const { tr } = props.meta;
  const { p } = props;
  const t = tr.t;
  const title = tr.pick(p.title, p.original_language)!;
  const reason = tr.pick(p.withdrawn_reason, p.original_language);
  // The sentence around the reason, so that the reason alone carries its own language.
  const reasonAround = t('error.withdrawn_reason', { reason: '\u0000' }).split('\u0000');
  const shown = (r: RelatedPublication) => r.status === 'published';
  // A newer publication that follows this one up is what a reader should read instead.
  const instead = p.relations_in.filter((r) => r.type === 'followsUp' && shown(r));
  const others = {
    out: p.relations_out.filter(shown),
    in: p.relations_in.filter((r) => shown(r) && r.type !== 'followsUp'),
  };
  return (
    <Layout {...props.meta} title={title.text} noindex>
      <article class="item">
        <div>
          <p class="meta">
            {t(`kind.${p.kind}`)}
            {p.year && <> · {p.year}</>}
          </p>
          <h1 lang={title.lang === tr.lang ? undefined : title.lang}>{title.text}</h1>
          <p class="notice">
            {reason ? (
              <>
                {reasonAround[0]}
                {reason.lang === tr.lang ? reason.text : <span lang={reason.lang}>{reason.text}</span>}
                {reasonAround[1]}
              </>
            ) : (
              t('error.withdrawn_text')
            )}
          </p>
          {instead.length > 0 && (
            <section aria-labelledby="instead">
              <h2 id="instead">{t('item.instead')}</h2>
              <ul>
                {instead.map((r) => (
                  <li>
                    <a href={href(tr.lang, `/publications/${r.slug}`)}>
                      {localizedText(tr, r.title, r.original_language)}
                    </a>
                    {r.year && ` (${r.year})`}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h2>{t('item.details')}</h2>
          <dl class="fields">
            {/* Names only: a person or organisation of a withdrawn record alone has no page (src/visibility.ts). */}
            {roles(tr, p.people, '/people', false)}
            {roles(tr, p.organisations, '/organisations', false)}
            {p.published_on ? field(t('item.date'), p.published_on) : p.year ? field(t('item.year'), p.year) : ''}
            {p.identifiers.map((i) =>
              field(
                t(`identifier.${i.scheme}` as Key),
                i.scheme === 'doi' ? html`<a href="${`https://doi.org/${i.value}`}">${i.value}</a>` : i.value,
              ),
            )}
          </dl>
          <section aria-labelledby="cite">
            <h2 id="cite">{t('cite.title')}</h2>
            <p>{props.citation}</p>
          </section>
          {others.out.length + others.in.length > 0 && (
            <section aria-labelledby="related">
              <h2 id="related">{t('item.related')}</h2>
              <dl class="fields">
                {relations(tr, others.out, 'out')}
                {relations(tr, others.in, 'in')}
              </dl>
            </section>
          )}
        </div>
      </article>
    </Layout>
  );
}
