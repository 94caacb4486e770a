// The OpenAPI 3.1 document, generated from the same zod schemas that validate queries and shape responses.
import { z } from 'zod';
import { browseQuery } from '../domain/browse.ts';
import {
  entityFull,
  entityItem,
  entityList,
  errorBody,
  ingestJob,
  langQuery,
  publicationFull,
  publicationItem,
  publicationList,
  searchItem,
  storedFile,
  uploadQuery,
} from './schemas.ts';

type Schema = z.ZodObject<z.ZodRawShape>;

/** Query parameters of an object schema, one OpenAPI parameter each. */
function queryParameters(schema: Schema) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
    ...(s.description ? { description: s.description } : {}),
  }));
}

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const ok = (id: string) => ({ description: 'OK', content: { 'application/json': { schema: ref(id) } } });
const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const errors = { 400: error('Invalid parameter'), 404: error('Not found') };

/** The answers every write may give besides its own (RFC 6750 for 401). */
const writeErrors = {
  401: {
    ...error('No token, or one that is wrong, revoked or expired, or whose account is disabled'),
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="kitap"' } },
  },
  403: error('The token’s account may not change this publication (a contributor, once it is published)'),
};

/** Adding a file: the request bodies it takes and its answers. */
function fileUpload() {
  const language = (z.toJSONSchema(uploadQuery, { io: 'input' }) as { properties: Record<string, unknown> }).properties
    .language;
  return {
    summary: 'Add a file to a publication',
    description:
      'Needs the API token of a member of staff who may edit the publication. The file is streamed to disk (at most UPLOAD_MAX_BYTES) and stored once by its SHA-256. ' +
      'A PDF (by its name or its first bytes) is read in the background: the answer is 202 with the ingest job, to follow at its Location until it is done (the file, its page count and language) or failed (a readable reason, and no file). ' +
      'Any other file is stored as it is: 201 with the file.',
    security: [{ bearerAuth: [] }],
    parameters: [slugParam, ...queryParameters(uploadQuery as unknown as Schema)],
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              language,
              file: {
                type: 'string',
                contentMediaType: 'application/octet-stream',
                description: 'The file; send "language" before it',
              },
            },
          },
        },
        'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
        'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
      },
      description:
        'A form with the file in "file" ("language" before it), or the file itself with its name in ?name= or Content-Disposition (a PDF may go without one).',
    },
    responses: {
      201: {
        description: 'Not a PDF: stored as it is',
        headers: { Location: { schema: { type: 'string' }, description: 'The file' } },
        content: { 'application/json': { schema: ref('StoredFile') } },
      },
      202: {
        description: 'A PDF: queued for reading',
        headers: { Location: { schema: { type: 'string' }, description: '/api/v1/jobs/{id}' } },
        content: { 'application/json': { schema: ref('IngestJob') } },
      },
      400: error('Invalid parameter, an empty file, no file, or no file name'),
      ...writeErrors,
      404: error('No publication with this slug'),
      409: error('The publication has this file already, or it is being added'),
      413: error('The file is larger than UPLOAD_MAX_BYTES'),
    },
  };
}

let cached: Record<string, unknown> | null = null;

function build(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const s of [
    errorBody,
    publicationItem,
    searchItem,
    publicationList,
    publicationFull,
    entityItem,
    entityList,
    entityFull,
    storedFile,
    ingestJob,
  ])
    registry.add(s, { id: s.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const paths: Record<string, unknown> = {
    '/publications': {
      get: {
        summary: 'Browse and search published publications',
        parameters: queryParameters(browseQuery.extend(langQuery.shape) as unknown as Schema),
        responses: { 200: ok('PublicationList'), 400: errors[400] },
      },
    },
    '/publications/{slug}': {
      get: {
        summary: 'One publication with everything it links to',
        parameters: [slugParam, ...queryParameters(langQuery as unknown as Schema)],
        responses: { 200: ok('Publication'), ...errors, 410: { description: 'Withdrawn' } },
      },
    },
  };
  paths['/publications/{slug}/files'] = { post: fileUpload() };
  paths['/jobs/{id}'] = {
    get: {
      summary: 'An ingest job: state, progress, failure, and the file once done',
      security: [{ bearerAuth: [] }],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { 200: ok('IngestJob'), ...errors, ...writeErrors },
    },
  };
  for (const type of ['organisations', 'people', 'projects', 'topics']) {
    paths[`/${type}`] = {
      get: {
        summary: `All ${type} with their publication counts`,
        parameters: queryParameters(langQuery as unknown as Schema),
        responses: { 200: ok('EntityList') },
      },
    };
    paths[`/${type}/{slug}`] = {
      get: {
        summary: `One of the ${type} with its publications`,
        parameters: [slugParam, ...queryParameters(langQuery as unknown as Schema)],
        responses: { 200: ok('EntityWithPublications'), ...errors },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kitap API',
      version: '1',
      description:
        'The published catalogue, open to anyone; and adding files to publications with the API token of a member of staff (`kitap token add`, or the admin page "API tokens"), who acts with their role.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([k, v]) => [k, { ...v, $schema: undefined, $id: undefined }]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A staff member’s API token: Authorization: Bearer kitap_…',
        },
      },
    },
  };
}

/** The document, with the server address of this deployment. */
export function openApiDocument(origin: string): Record<string, unknown> {
  cached ??= build();
  return { ...cached, servers: [{ url: `${origin}/api/v1` }] };
}
