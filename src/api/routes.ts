// /api/v1: JSON over the published catalogue for anyone; and, with a staff member's API token
// (src/api/token-auth.ts), writing publications, their files and status, and organisations, people, projects
// and topics (issue 18) through the staff pages' schemas, policies and history. Described by /api/v1/openapi.json.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { browseQuery } from '../domain/browse.ts';
import type { EntityType } from '../domain/records.ts';
import { browsePublications, publicationsOfEntity } from '../store/browse.ts';
import { entitiesMatching, readableEntities, readableEntityBySlug } from '../store/entities.ts';
import { publicationBySlug } from '../store/publications.ts';
import { type AppEnv, type Ctx, publicOrigin } from '../http/context.ts';
import { badParams, notFound } from '../http/errors.tsx';
import { readablePublication } from '../visibility.ts';
import { fileCreate } from './file-create.ts';
import { jobShow } from './job-show.ts';
import { openApiDocument } from './openapi.ts';
import { presentEntity, presentEntityRecord, presentItem, presentPublication, presentSearchItem } from './present.ts';
import { langQuery, staffEntityQuery } from './schemas.ts';
import { tokenUser } from './token-auth.ts';
import { publicationCreate } from './publication-create.ts';
import { publicationRecord } from './publication-record.ts';
import { publicationUpdate } from './publication-update.ts';
import { publicationStatus } from './publication-status.ts';
import { publicationDelete } from './publication-delete.ts';
import { entityCreate } from './entity-create.ts';
import { entityRecord } from './entity-record.ts';
import { entityUpdate } from './entity-update.ts';
import { entityMerge } from './entity-merge.ts';
import { entityDelete } from './entity-delete.ts';

export const ENTITY_TYPES: EntityType[] = ['organisations', 'people', 'projects', 'topics'];

export const listQuery = browseQuery.extend(langQuery.shape).strict();
const entityQuery = langQuery
  .extend({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

function parse<T extends z.ZodType>(schema: T, c: Ctx): z.infer<T> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw badParams(r.error);
  return r.data;
}

export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use(cors({ origin: '*', allowMethods: ['GET', 'HEAD'], exposeHeaders: ['ETag', 'Location'] }));

  api.get('/openapi.json', (c) => c.json(openApiDocument(publicOrigin(c))));

  api.get('/publications', async (c) => {
    const q = parse(listQuery, c);
    const r = await browsePublications(c.var.deps.db, q, q.lang ?? 'en');
    const origin = publicOrigin(c);
    const facets = Object.fromEntries(
      Object.entries(r.facets).map(([f, vs]) => [
        f,
        vs.map((v) => ({
          value: v.value,
          count: v.count,
          ...(v.label
            ? { label: (v.label as Record<string, string>)[q.lang ?? 'en'] ?? Object.values(v.label)[0] }
            : {}),
        })),
      ]),
    );
    const items = r.items.map((p) => (q.q ? presentSearchItem(p, origin, q.lang) : presentItem(p, origin, q.lang)));
    return c.json({
      total: r.total,
      page: q.page,
      per_page: q.per_page,
      items,
      facets,
      ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      ...(r.corrected ? { corrected: r.corrected } : {}),
      ...(q.q && q.q.length < (c.req.query('q')?.trim().length ?? 0) ? { shortened_to: q.q } : {}),
    });
  });

  api.get('/publications/:slug', async (c) => {
    const q = parse(langQuery.strict(), c);
    const p = readablePublication(await publicationBySlug(c.var.deps.db, c.req.param('slug')), q.lang);
    return c.json(presentPublication(p, publicOrigin(c), q.lang));
  });

  // Writes: a bearer token, never the session cookie.
  api.post('/publications', publicationCreate);
  api.get('/publications/:slug/record', publicationRecord);
  api.put('/publications/:slug/record', publicationUpdate('put'));
  api.patch('/publications/:slug/record', publicationUpdate('patch'));
  api.post('/publications/:slug/status', publicationStatus);
  api.delete('/publications/:slug', publicationDelete);
  api.post('/publications/:slug/files', fileCreate);
  api.get('/jobs/:id', jobShow);

  for (const type of ENTITY_TYPES) {
    api.post(`/${type}`, entityCreate(type));
    api.get(`/${type}/:slug/record`, entityRecord(type));
    api.put(`/${type}/:slug/record`, entityUpdate(type, 'put'));
    api.patch(`/${type}/:slug/record`, entityUpdate(type, 'patch'));
    api.post(`/${type}/:slug/merge`, entityMerge(type));
    api.delete(`/${type}/:slug`, entityDelete(type));
    api.get(`/${type}`, async (c) => {
      // With a staff token: every entry (also those only unpublished records name), found by q, as records.
      if (c.req.header('Authorization')) {
        await tokenUser(c);
        const q = parse(staffEntityQuery, c);
        const rows = await entitiesMatching(c.var.deps.db, type, q.q, q.limit);
        const origin = publicOrigin(c);
        return c.json({ total: rows.length, items: rows.map((e) => presentEntityRecord(type, e, origin, q.lang)) });
      }
      const q = parse(langQuery.strict(), c);
      const all = await readableEntities(c.var.deps.db, type);
      const origin = publicOrigin(c);
      return c.json({ total: all.length, items: all.map((e) => presentEntity(e, origin, q.lang)) });
    });
    api.get(`/${type}/:slug`, async (c) => {
      const q = parse(entityQuery, c);
      const db = c.var.deps.db;
      const e = await readableEntityBySlug(db, type, c.req.param('slug')!);
      if (!e) throw notFound();
      const { items } = await publicationsOfEntity(db, type, e.id, q.page, q.per_page);
      const origin = publicOrigin(c);
      return c.json({
        ...presentEntity(e, origin, q.lang),
        publications: items.map((p) => presentItem(p, origin, q.lang)),
      });
    });
  }
  return api;
}
