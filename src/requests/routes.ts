// The readers' request forms, under /publications/:slug (in every interface language).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/context.ts';
import { HttpError } from '../http/errors.tsx';
import { requestForm } from './request-form.tsx';
import { requestSubmit } from './request-submit.tsx';

/** A request is a few lines of text: anything over this is not one. */
const MAX_REQUEST_BYTES = 32 * 1024;

export function requestRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const limit = bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: () => {
      throw new HttpError(413, 'too_large', 'error.too_large');
    },
  });
  for (const kind of ['order', 'contact']) {
    r.get(`/:slug/${kind}`, requestForm);
    r.post(`/:slug/${kind}`, limit, requestSubmit);
  }
  return r;
}
