// The OpenAPI 3.1 document, generated from the same zod schemas that validate queries and shape responses.
import { z } from 'zod';
import { browseQuery } from '../domain/browse.ts';
import { entityFull, entityItem, entityList, errorBody, langQuery, publicationFull, publicationItem, publicationList } from './schemas.ts';

type Schema = z.ZodObject<z.ZodRawShape>;

/** Query parameters of an object schema, one OpenAPI parameter each. */
function queryParameters(schema: Schema) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s, ...(s.description ? { description: s.description } : {}) }));
}

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const ok = (id: string) => ({ description: 'OK', content: { 'application/json': { schema: ref(id) } } });
const errors = {
  400: { description: 'Invalid parameter', content: { 'application/json': { schema: ref('Error') } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ref('Error') } } },
};

let cached: Record<string, unknown> | null = null;

function build(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const s of [errorBody, publicationItem, publicationList, publicationFull, entityItem, entityList, entityFull]) registry.add(s, { id: s.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const paths: Record<string, unknown> = {
    '/publications': { get: { summary: 'Browse and search published publications', parameters: queryParameters(browseQuery.extend(langQuery.shape) as unknown as Schema), responses: { 200: ok('PublicationList'), 400: errors[400] } } },
    '/publications/{slug}': { get: { summary: 'One publication with everything it links to', parameters: [slugParam, ...queryParameters(langQuery as unknown as Schema)], responses: { 200: ok('Publication'), ...errors, 410: { description: 'Withdrawn' } } } },
  };
  for (const type of ['organisations', 'people', 'projects', 'topics']) {
    paths[`/${type}`] = { get: { summary: `All ${type} with their publication counts`, parameters: queryParameters(langQuery as unknown as Schema), responses: { 200: ok('EntityList') } } };
    paths[`/${type}/{slug}`] = { get: { summary: `One of the ${type} with its publications`, parameters: [slugParam, ...queryParameters(langQuery as unknown as Schema)], responses: { 200: ok('EntityWithPublications'), ...errors } } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Kitap API', version: '1', description: 'Read-only access to the published catalogue.' },
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, { ...v, $schema: undefined, $id: undefined }])) },
  };
}

/** The document, with the server address of this deployment. */
export function openApiDocument(origin: string): Record<string, unknown> {
  cached ??= build();
  return { ...cached, servers: [{ url: `${origin}/api/v1` }] };
}
