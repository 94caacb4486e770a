// GET /admin/tokens — the signed-in member of staff's API tokens, and the form for a new one.
import { apiTokens } from '../../store/api-tokens.ts';
import { pageMeta } from '../../http/context.ts';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { TokensPage } from '../views/tokens.tsx';

export async function tokensList(c: StaffCtx) {
  const tokens = await apiTokens(c.var.deps.db, actorOf(c).id);
  return c.html(
    <TokensPage
      meta={pageMeta(appCtx(c))}
      session={c.var.session}
      tokens={tokens}
      form={{ name: '', days: '' }}
      errors={[]}
      revoked={c.req.query('revoked') === '1'}
    />,
  );
}
