// The publication a request is about: one readers may see (src/visibility.ts), and for an order, offered in print.
import type { PublicationDetail } from '../domain/records.ts';
import type { RequestKind } from '../store/requests.ts';
import { publicationBySlug } from '../store/publications.ts';
import type { Ctx } from '../http/context.ts';
import { notFound } from '../http/errors.tsx';
import { readablePublication } from '../visibility.ts';

export function requestKind(c: Ctx): RequestKind {
  return c.req.path.endsWith('/order') ? 'order' : 'contact';
}

export async function requestablePublication(c: Ctx, kind: RequestKind): Promise<PublicationDetail> {
  const p = readablePublication(await publicationBySlug(c.var.deps.db, c.req.param('slug') ?? ''));
  if (kind === 'order' && !p.print_on_request) throw notFound();
  return p;
}
