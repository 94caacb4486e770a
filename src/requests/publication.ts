// The publication a request is about: published, and for an order, offered in print.
import type { PublicationDetail } from '../domain/records.ts';
import type { RequestKind } from '../store/requests.ts';
import { publicationBySlug } from '../store/publications.ts';
import type { Ctx } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';

export function requestKind(c: Ctx): RequestKind {
  return c.req.path.endsWith('/order') ? 'order' : 'contact';
}

export async function requestablePublication(c: Ctx, kind: RequestKind): Promise<PublicationDetail> {
  const p = await publicationBySlug(c.var.deps.db, c.req.param('slug') ?? '');
  if (!p || p.status !== 'published' || (kind === 'order' && !p.print_on_request)) throw notFound();
  return p;
}
