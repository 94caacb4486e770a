// What the API's record writes share (issue 18): finding the publication or entity named by the path, the answer
// with its version as ETag, and the body's "version" taken out before the schema sees the fields.
import type { EntityType } from '../domain/records.ts';
import { entityBySlug } from '../store/entities.ts';
import { publicationInputById, publicationRefBySlug, type PublicationRef } from '../store/snapshots.ts';
import { type Ctx, publicOrigin } from '../http/context.ts';
import { HttpError, notFound } from '../http/errors.tsx';
import { setVersion } from './json-body.ts';
import { entityVersion, presentEntityRecord, presentPublicationRecord } from './present.ts';

/** The publication of the path's :slug, in any status, or 404. */
export async function requirePublicationRef(c: Ctx): Promise<PublicationRef> {
  const ref = await publicationRefBySlug(c.var.deps.db, c.req.param('slug') ?? '');
  if (!ref) throw notFound();
  return ref;
}

/** Answers with the publication as staff edit it, its version in ETag. */
export async function answerPublication(c: Ctx, slug: string, status: 200 | 201 = 200) {
  const db = c.var.deps.db;
  const ref = (await publicationRefBySlug(db, slug))!;
  const input = (await publicationInputById(db, ref.id))!;
  const origin = publicOrigin(c);
  setVersion(c, ref.version);
  c.header('Content-Location', `${origin}/api/v1/publications/${slug}/record`);
  return c.json(presentPublicationRecord(ref, input, origin), status);
}

/** The entity of the path's :slug, in any case, or 404. */
export async function requireEntity(c: Ctx, type: EntityType) {
  const e = await entityBySlug(c.var.deps.db, type, c.req.param('slug') ?? '');
  if (!e) throw notFound();
  return e;
}

/** Answers with the entity as staff edit it, its version in ETag. */
export async function answerEntity(c: Ctx, type: EntityType, slug: string, status: 200 | 201 = 200) {
  const e = (await entityBySlug(c.var.deps.db, type, slug))!;
  const origin = publicOrigin(c);
  setVersion(c, entityVersion(e));
  return c.json(presentEntityRecord(type, e, origin, c.req.query('lang')), status);
}

/** A JSON object body split into its "version" (a string, when sent) and the rest; 422 for anything but an object. */
export function splitVersion(body: unknown): { version: string | undefined; fields: Record<string, unknown> } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(422, 'invalid', 'error.invalid_body', { path: '(body)', message: 'a JSON object' }, [
      { path: '(body)', message: 'a JSON object' },
    ]);
  const { version, ...fields } = body as Record<string, unknown>;
  if (version !== undefined && typeof version !== 'string')
    throw new HttpError(422, 'invalid', 'error.invalid_body', { path: 'version', message: 'a string' }, [
      { path: 'version', message: 'a string' },
    ]);
  return { version, fields };
}

/**
 * JSON Merge Patch (RFC 7396): the patch's members replace the target's, objects are merged member by member,
 * and null removes a member (a field removed takes its default when the result is checked).
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
