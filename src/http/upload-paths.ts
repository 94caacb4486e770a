// Which requests are uploads: the staff form's and the API's file routes, which the global body limit and the
// input check leave to the upload code (src/uploads/), streamed to disk under UPLOAD_MAX_BYTES.
import { LANG_PREFIX_SOURCE } from '../i18n/i18n.ts';

const UPLOAD_PATH = new RegExp(`^(?:${LANG_PREFIX_SOURCE}/admin|/api/v1)/publications/[^/]+/files/?$`);

/**
 * True for the upload routes — the staff form's and the API's (src/api/file-create.ts) — which the
 * global body limit leaves alone: they stream to disk under their own, larger one.
 */
export function isUploadRequest(method: string, urlPath: string): boolean {
  return method === 'POST' && UPLOAD_PATH.test(urlPath);
}
