// Error pages: 404, 400, 410 (withdrawn), 500 — in the reader's language, never with a stack.
import { Layout, type PageMeta } from './layout.tsx';
import { href } from './href.ts';

export function ErrorPage(props: { meta: Omit<PageMeta, 'title'>; status: number; message: string }) {
  const { tr } = props.meta;
  const title = tr.t(
    props.status === 404
      ? 'error.not_found'
      : props.status === 410
        ? 'error.gone'
        : props.status < 500
          ? 'error.bad_request'
          : 'error.server',
  );
  return (
    <Layout {...props.meta} title={title} noindex>
      <h1>{title}</h1>
      <p>{props.message}</p>
      <p>
        <a href={href(tr.lang, '/publications')}>{tr.t('error.back')}</a>
      </p>
    </Layout>
  );
}
