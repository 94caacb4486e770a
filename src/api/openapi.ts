// The OpenAPI 3.1 document, generated from the same zod schemas that validate queries and shape responses.
import { z } from 'zod';
import { browseQuery } from '../domain/browse.ts';
import {
  ENTITY_WRITE,
  entityFull,
  entityItem,
  entityList,
  entityMergeBody,
  entityRecord,
  entityRecordList,
  errorBody,
  ingestJob,
  langQuery,
  publicationCreate,
  publicationFull,
  publicationItem,
  publicationList,
  publicationRecord,
  publicationWrite,
  searchItem,
  staffEntityQuery,
  statusChange,
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

// Writing records (issue 18): JSON bodies checked by the staff pages' schemas, the version read for conflicts.
const json = (id: string) => ({ required: true, content: { 'application/json': { schema: ref(id) } } });
const mergePatch = (id: string) => ({
  required: true,
  content: {
    'application/merge-patch+json': {
      schema: { type: 'object', description: `A JSON Merge Patch (RFC 7396) of ${id}` },
    },
    'application/json': { schema: { type: 'object', description: `A JSON Merge Patch (RFC 7396) of ${id}` } },
  },
});
const ifMatch = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: required
    ? 'The ETag of the version read; or send "version" in the body. One of them is required (428 without)'
    : 'The ETag of the version read: refused with 409 when it is no longer current',
});
const record = (id: string, status = 200, description = 'OK') => ({
  [status]: {
    description,
    headers: { ETag: { schema: { type: 'string' }, description: 'The version, for If-Match' } },
    content: { 'application/json': { schema: ref(id) } },
  },
});
/** What every JSON write may answer besides its own. */
const bodyErrors = {
  400: error('The body is not valid JSON, or holds control characters'),
  ...writeErrors,
  413: error('The body is larger than MAX_BODY_BYTES'),
  415: error('The body is not JSON'),
  422: error('A field is not valid: each one in error.details'),
};
const versionErrors = {
  409: error('The version sent is not the current one: someone changed it meanwhile. Nothing was written'),
  428: error('No version sent (If-Match or "version")'),
};
const staff = { security: [{ bearerAuth: [] }] };

function publicationWrites(paths: Record<string, Record<string, unknown>>): void {
  paths['/publications']!.post = {
    summary: 'Create a publication',
    description:
      'With the API token of a member of staff, who acts with their role: the same checks, policies and history as the staff pages. It starts as a draft unless "status" asks for more and the role allows it (contributors: draft or in review).',
    ...staff,
    requestBody: json('PublicationCreate'),
    responses: {
      ...record('PublicationRecord', 201, 'Created'),
      ...bodyErrors,
    },
  };
  const recordPath = {
    get: {
      summary: 'A publication as staff edit it, in any status',
      ...staff,
      parameters: [slugParam],
      responses: { ...record('PublicationRecord'), ...writeErrors, 404: error('No publication with this slug') },
    },
    put: {
      summary: 'Replace the fields of a publication',
      description:
        'Every field (the "fields" of the record read, changed); one left out takes its default. Needs the version read. Its status has its own request.',
      ...staff,
      parameters: [slugParam, ifMatch(true)],
      requestBody: json('PublicationWrite'),
      responses: { ...record('PublicationRecord'), ...bodyErrors, 404: error('No publication'), ...versionErrors },
    },
    patch: {
      summary: 'Change some fields of a publication',
      description:
        'A JSON Merge Patch of its fields: members replace, objects (titles in each language) merge, null removes. Needs the version read.',
      ...staff,
      parameters: [slugParam, ifMatch(true)],
      requestBody: mergePatch('PublicationWrite'),
      responses: { ...record('PublicationRecord'), ...bodyErrors, 404: error('No publication'), ...versionErrors },
    },
  };
  paths['/publications/{slug}/record'] = recordPath;
  paths['/publications/{slug}/status'] = {
    post: {
      summary: 'Submit for review, publish, withdraw (with a reason) or return to draft',
      description:
        'By the staff pages’ rules: contributors move a record only between draft and in review; editors and admins anywhere. Needs the version read.',
      ...staff,
      parameters: [slugParam, ifMatch(true)],
      requestBody: json('StatusChange'),
      responses: {
        ...record('PublicationRecord'),
        ...bodyErrors,
        404: error('No publication'),
        ...versionErrors,
        409: error('Already in that status, or the version sent is not the current one. Nothing was written'),
      },
    },
  };
  paths['/publications/{slug}']!.delete = {
    summary: 'Delete a draft',
    description:
      'Kept for 30 days, when an admin can undo it from the staff pages. A published record is withdrawn instead.',
    ...staff,
    parameters: [
      slugParam,
      ifMatch(false),
      { name: 'version', in: 'query', required: false, schema: { type: 'string' }, description: 'As If-Match' },
    ],
    responses: {
      204: { description: 'Deleted' },
      ...writeErrors,
      404: error('No publication'),
      409: error('Not a draft, or the version sent is not the current one'),
    },
  };
}

function entityWrites(paths: Record<string, Record<string, unknown>>, type: keyof typeof ENTITY_WRITE): void {
  const write = ENTITY_WRITE[type].meta()!.id as string;
  const list = paths[`/${type}`]!.get as { description?: string; parameters: unknown[]; responses: unknown };
  list.description =
    'Open to anyone: the entries readers see (named on a published record). With a staff token: every entry, found by q, as EntityRecords.';
  list.parameters = queryParameters(staffEntityQuery as unknown as Schema);
  list.responses = {
    200: {
      description: 'EntityList; with a staff token, EntityRecordList',
      content: { 'application/json': { schema: { oneOf: [ref('EntityList'), ref('EntityRecordList')] } } },
    },
    400: error('Invalid parameter'),
    401: writeErrors[401],
  };
  paths[`/${type}`]!.post = {
    summary: `Create one of the ${type}`,
    description: 'Editors and admins; the same checks as the staff page (ORCID and ROR by their check digits).',
    ...staff,
    requestBody: json(write),
    responses: { ...record('EntityRecord', 201, 'Created'), ...bodyErrors, 409: error('Its slug is taken') },
  };
  paths[`/${type}/{slug}/record`] = {
    get: {
      summary: `One of the ${type} as staff edit it`,
      ...staff,
      parameters: [slugParam, ...queryParameters(langQuery as unknown as Schema)],
      responses: { ...record('EntityRecord'), ...writeErrors, 404: error('None with this slug') },
    },
    put: {
      summary: `Replace the names and identifiers of one of the ${type}`,
      description: 'Every field; a new slug keeps the old one redirecting. Needs the version read.',
      ...staff,
      parameters: [slugParam, ifMatch(true)],
      requestBody: json(write),
      responses: {
        ...record('EntityRecord'),
        ...bodyErrors,
        404: error('None with this slug'),
        ...versionErrors,
        409: error('The new slug is taken, or the version sent is not the current one'),
      },
    },
    patch: {
      summary: `Change some names or identifiers of one of the ${type}`,
      description:
        'A JSON Merge Patch of its fields ("name": {"ru": "…"} adds or changes one language). Needs the version read.',
      ...staff,
      parameters: [slugParam, ifMatch(true)],
      requestBody: mergePatch(write),
      responses: {
        ...record('EntityRecord'),
        ...bodyErrors,
        404: error('None with this slug'),
        ...versionErrors,
        409: error('The new slug is taken, or the version sent is not the current one'),
      },
    },
  };
  paths[`/${type}/{slug}/merge`] = {
    post: {
      summary: `Merge one of the ${type} into another`,
      description:
        'Every publication that named it names the other; its address redirects there. An admin can undo it for 30 days. Answers the entry that stays.',
      ...staff,
      parameters: [slugParam, ifMatch(false)],
      requestBody: json('EntityMerge'),
      responses: {
        ...record('EntityRecord'),
        ...bodyErrors,
        404: error('None with this slug'),
        409: error('The version sent is not the current one'),
      },
    },
  };
  paths[`/${type}/{slug}`]!.delete = {
    summary: `Delete one of the ${type} that no publication names`,
    description: 'An admin can undo it for 30 days.',
    ...staff,
    parameters: [
      slugParam,
      ifMatch(false),
      { name: 'version', in: 'query', required: false, schema: { type: 'string' }, description: 'As If-Match' },
    ],
    responses: {
      204: { description: 'Deleted' },
      ...writeErrors,
      404: error('None with this slug'),
      409: error('A publication still names it (merge it instead), or the version sent is not the current one'),
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
    publicationRecord,
    entityRecord,
    entityRecordList,
  ])
    registry.add(s, { id: s.meta()!.id as string });
  // Request bodies are described as they are sent (io: input): fields with defaults are optional.
  const requests = z.registry<{ id: string }>();
  for (const s of [publicationWrite, publicationCreate, statusChange, entityMergeBody, ...Object.values(ENTITY_WRITE)])
    requests.add(s, { id: s.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  Object.assign(
    schemas,
    z.toJSONSchema(requests, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any', io: 'input' })
      .schemas,
  );
  const paths: Record<string, Record<string, unknown>> = {
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
    entityWrites(paths, type as keyof typeof ENTITY_WRITE);
  }
  publicationWrites(paths);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kitap API',
      version: '1',
      description:
        'The published catalogue, open to anyone; and, with the API token of a member of staff (`kitap token add`, or the admin page "API tokens"), who acts with their role: creating and changing publications (the version read is sent back, and a stale one is refused with 409), their status and files, and organisations, people, projects and topics. Every write goes through the staff pages’ checks and policies, and their history names the token.',
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
