// GET /publications/:slug/order and /publications/:slug/contact — the form, or with ?sent=1 the thanks.
import { pageMeta, type Ctx } from '../http/context.ts';
import { requestablePublication, requestKind } from './publication.ts';
import { RequestPage } from './views.tsx';

export async function requestForm(c: Ctx) {
  const kind = requestKind(c);
  const p = await requestablePublication(c, kind);
  return c.html(
    <RequestPage
      meta={pageMeta(c)}
      kind={kind}
      p={p}
      state={{ values: {}, errors: {} }}
      sent={c.req.query('sent') === '1'}
    />,
  );
}
