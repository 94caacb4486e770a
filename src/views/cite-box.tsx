// The item page's Cite box: the citation in the reader's usual style as selectable text, a copy button
// that appears only with JavaScript, and links to every other format.
import { html } from 'hono/html';
import type { Translator } from '../i18n/i18n.ts';
import { href } from './href.ts';
import type { CitationFormat } from '../cite/format.ts';
import { CITE_SCRIPT_URL } from '../cite/static.ts';

const FORMAT_NAMES: Record<CitationFormat, string> = {
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
  apa: 'APA',
  chicago: 'Chicago',
  harvard: 'Harvard',
  gost: 'GOST R 7.0.100',
};

/** A format's name as readers know it: GOST is ГОСТ in Russian and Kazakh. */
export function formatName(f: CitationFormat, lang: string): string {
  return f === 'gost' && lang !== 'en' ? 'ГОСТ Р 7.0.100' : FORMAT_NAMES[f];
}

/** The box, written with html`` like the rest of the item page's body (src/views/publication.tsx). */
export function CiteBox(props: { tr: Translator; slug: string; style: CitationFormat; text: string }) {
  const { tr, slug, style, text } = props;
  const t = tr.t;
  const formats = (Object.keys(FORMAT_NAMES) as CitationFormat[]).map(
    (f, i) =>
      html`${i > 0 ? ' · ' : ''}<a href="${`${href(tr.lang, `/publications/${slug}/cite`)}?format=${f}`}" rel="nofollow">${formatName(f, tr.lang)}</a>`,
  );
  return html`<section class="cite" aria-labelledby="cite"><h2 id="cite">${t('cite.title')}</h2><p><label for="cite-text">${t('cite.style', { style: formatName(style, tr.lang) })}</label></p><textarea id="cite-text" readonly="" rows="${Math.min(8, Math.ceil(text.length / 40) + 1)}" cols="40">${text}</textarea><p><button type="button" data-copy="cite-text" data-status="cite-status" data-done="${t('cite.copied')}" hidden="">${t('cite.copy')}</button> <span id="cite-status" role="status"></span></p><p>${t('cite.formats')}: ${formats}</p><script src="${CITE_SCRIPT_URL}" defer=""></script></section>`;
}
