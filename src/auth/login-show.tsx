// GET /login — the login form; a member of staff already logged in goes straight on.
import { href } from '../views/href.ts';
import { pageMeta, type Ctx } from '../http/context.ts';
import { safeNext } from './next.ts';
import { currentSession } from './session.ts';
import { LoginPage } from './views.tsx';

export async function loginShow(c: Ctx) {
  const next = safeNext(c.req.query('next'));
  c.header('Cache-Control', 'no-store');
  if (await currentSession(c)) return c.redirect(next ?? href(c.var.tr.lang, '/admin'), 303);
  return c.html(<LoginPage meta={pageMeta(c)} email="" next={next ?? ''} message={null} />);
}
