// The API's response shapes as zod schemas: the OpenAPI document is generated from these and the
// query schemas, and the tests parse responses with them, so documentation and behaviour cannot drift.
import { z } from 'zod';
import { FACETS } from '../domain/browse.ts';
import { organisationEdit, personEdit, projectEdit, topicEdit } from '../domain/entity.ts';
import { KINDS, RELATION_TYPES, STATUSES, localizedText, publicationInput } from '../domain/publication.ts';
import { uploadMeta } from '../uploads/meta.ts';

export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .describe('A request body that was not valid (422): each invalid field, by its path such as title.en'),
    }),
  })
  .meta({ id: 'Error' });

const link = z.object({
  slug: z.string(),
  name: z.string(),
  names: localizedText,
  abbreviation: z.string().nullable().optional(),
  url: z.string(),
});
const roleLink = link.extend({ role: z.string() });

export const publicationItem = z
  .object({
    slug: z.string(),
    title: z.string().describe('In the requested language when there is one, else the original'),
    subtitle: z.string().nullable(),
    titles: localizedText,
    year: z.number().int().nullable(),
    kind: z.enum(KINDS),
    languages: z.array(z.string()),
    featured: z.boolean(),
    url: z.string().describe('The page of the publication'),
    api_url: z.string(),
  })
  .meta({ id: 'PublicationItem' });

const facetValue = z.object({ value: z.string(), count: z.number().int(), label: z.string().optional() });

/** Text around the matched words, cut into parts so that a client marks the matches without parsing HTML. */
const snippet = z
  .array(z.object({ text: z.string(), match: z.boolean() }))
  .describe('The text around the matched words, in parts; the parts with match: true are the words the query found');

/** A publication in the results of a search (q given): why it matched. */
export const searchItem = publicationItem
  .extend({
    snippet: snippet.nullable().describe('From the abstract, when the query matched it'),
    page_hit: z
      .object({
        page: z.number().int(),
        file_name: z.string(),
        url: z.string().describe('The file, opened at the page (#page=N)'),
        snippet,
      })
      .nullable()
      .describe('The page of a file that matches best, when the query matched the text of a file'),
  })
  .meta({ id: 'SearchItem' });

export const publicationList = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    per_page: z.number().int(),
    items: z
      .array(z.union([searchItem, publicationItem]))
      .describe('SearchItems when q is given, else PublicationItems'),
    facets: z.object(
      Object.fromEntries(FACETS.map((f) => [f, z.array(facetValue)])) as Record<
        (typeof FACETS)[number],
        z.ZodArray<typeof facetValue>
      >,
    ),
    suggestion: z.string().optional().describe('A spelling correction of q that finds more ("did you mean")'),
    corrected: z.string().optional().describe('q found nothing: the results are those of this corrected query'),
    shortened_to: z
      .string()
      .optional()
      .describe('q was longer than 200 characters: only this beginning of it was searched'),
  })
  .meta({ id: 'PublicationList' });

/** Issue 18: a licence (SPDX id and address, or all-rights-reserved) and the rights holder; null when not stated. */
const rights = z
  .object({
    licence: z.string(),
    spdx: z.string().nullable(),
    url: z.string().nullable(),
    holder: z.string().nullable(),
  })
  .nullable();
const related = z.object({
  type: z.enum(RELATION_TYPES),
  slug: z.string(),
  title: z.string(),
  year: z.number().int().nullable(),
  url: z.string(),
});

export const publicationFull = publicationItem
  .extend({
    status: z.enum(STATUSES),
    subtitles: localizedText,
    abstract: z.string().nullable(),
    abstracts: localizedText,
    original_language: z.string(),
    published_on: z.string().nullable(),
    pages: z.number().int().nullable(),
    formats: z.array(z.string()),
    countries: z.array(z.string()),
    series: z.string().nullable(),
    place: z.string().nullable().describe('place of publication in the requested language (or the original, or any)'),
    places: localizedText.describe('place of publication in every language it is catalogued in'),
    people: z.array(roleLink),
    organisations: z.array(roleLink),
    projects: z.array(link),
    topics: z.array(link),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })),
    availability: z.object({
      download: z.boolean(),
      print_on_request: z.boolean(),
      for_sale: z.boolean(),
      price: z.string().nullable(),
      external_url: z.string().nullable(),
      contact_phone: z.string().nullable(),
    }),
    licence: rights,
    files: z.array(
      z.object({
        name: z.string().describe('The name the file was uploaded with'),
        label: z
          .string()
          .nullable()
          .describe(
            'What the file is ("Full report"), in the language asked for, else the file’s or publication’s, else any',
          ),
        labels: localizedText.describe('The label in every language staff gave it'),
        media_type: z.string(),
        size: z.number().int(),
        pages: z.number().int().nullable(),
        language: z.string().nullable(),
        sha256: z.string(),
        sample: z.boolean(),
        url: z.string(),
        licence: rights,
      }),
    ),
    related: z.object({ outgoing: z.array(related), incoming: z.array(related) }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Publication' });

export const entityItem = z
  .object({
    slug: z.string(),
    name: z.string(),
    names: localizedText,
    abbreviation: z.string().nullable(),
    publication_count: z.number().int(),
    url: z.string(),
    api_url: z.string(),
  })
  .meta({ id: 'Entity' });

export const entityList = z.object({ total: z.number().int(), items: z.array(entityItem) }).meta({ id: 'EntityList' });
export const entityFull = entityItem
  .extend({ publications: z.array(publicationItem) })
  .meta({ id: 'EntityWithPublications' });

export const langQuery = z.object({
  lang: z.enum(['en', 'ru', 'kk', 'ky']).optional().describe('Language to choose titles in'),
});

// Writes (a staff member's API token): adding a file to a publication, and following its ingest job.

/** The query of POST /publications/{slug}/files. */
export const uploadQuery = uploadMeta
  .pick({ language: true })
  .extend({
    name: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .describe('The file name when the body is the file itself; else the filename of Content-Disposition'),
  })
  .strict();

/** The path of GET /jobs/{id}. */
export const jobParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

export const storedFile = z
  .object({
    id: z.number().int(),
    name: z.string(),
    media_type: z.string(),
    size: z.number().int().describe('Bytes'),
    pages: z.number().int().nullable(),
    language: z.string().nullable(),
    sha256: z.string().describe('The file is stored once under this checksum'),
    url: z.string().describe('Its address for readers, once the publication is published (and any embargo is over)'),
  })
  .meta({ id: 'StoredFile' });

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

export const ingestJob = z
  .object({
    id: z.number().int(),
    state: z.enum(JOB_STATES),
    publication: z.string().describe('The slug of the publication the file is for'),
    name: z.string().describe('The file name'),
    language: z.string().nullable().describe('The language given with the upload; null: detected from the text'),
    progress: z.object({
      page: z.number().int(),
      total: z.number().int().nullable().describe('Known once the PDF is open'),
    }),
    error: z.string().nullable().describe('Why it failed, in words (failed jobs only)'),
    error_code: z
      .string()
      .nullable()
      .describe('Why it failed, as a code: encrypted, not-pdf, damaged, too-large, duplicate, …'),
    file: storedFile.nullable().describe('The file made, once done'),
    created_at: z.string(),
    updated_at: z.string(),
    finished_at: z.string().nullable(),
    url: z.string().describe('This job'),
  })
  .meta({ id: 'IngestJob' });

// Writing records (issue 18): the same input schemas as the staff pages (src/domain/), strict, so that a misspelt
// field is refused rather than dropped. Status has its own request, as on the staff pages.

/** A publication's fields as the API reads and writes them: the one input shape, without its status. */
export const publicationFields = publicationInput.omit({ status: true, withdrawn_reason: true });

/** PUT /publications/{slug}/record, and a PATCH once merged onto the stored fields. */
export const publicationWrite = publicationFields
  .strict()
  .describe(
    'Every field of the publication; one left out takes its default (empty). A new slug keeps the old one redirecting.',
  )
  .meta({ id: 'PublicationWrite' });

/** POST /publications: the fields, and the status to start in (a draft unless the token's role may do more). */
export const publicationCreate = publicationFields
  .extend({
    status: z
      .enum(['draft', 'in_review', 'published'])
      .default('draft')
      .describe('Contributors may start a record as a draft or in review; editors and admins may publish it at once'),
  })
  .strict()
  .meta({ id: 'PublicationCreate' });

/** POST /publications/{slug}/status. */
export const statusChange = z
  .object({
    status: z.enum(STATUSES),
    reason: publicationInput.shape.withdrawn_reason.describe(
      'Why it is withdrawn, shown to readers in their language: {"en": "…", "ru": "…"}, or a text (its language is detected). Required to withdraw',
    ),
  })
  .strict()
  .meta({ id: 'StatusChange' });

export const VERSION_DESCRIPTION =
  'The version last read (the ETag, without its quotes): a write that sends an older one is refused with 409';

/** A publication as staff edit it, in any status. */
export const publicationRecord = z
  .object({
    slug: z.string(),
    status: z.enum(STATUSES),
    withdrawn_reason: localizedText.nullable(),
    version: z.string().describe(VERSION_DESCRIPTION),
    fields: publicationFields.describe('What PUT takes back, and PATCH merges into'),
    url: z.string().describe('The page for readers (a preview for staff until published)'),
    api_url: z.string().describe('The JSON for readers, once published'),
    history_url: z.string().describe('The staff page of its history: who changed what, and through which API token'),
  })
  .meta({ id: 'PublicationRecord' });

/** Merging an entity into another. */
export const entityMergeBody = z
  .object({ into: z.string().trim().min(1).max(120).describe('The slug of the entry that stays') })
  .strict()
  .meta({ id: 'EntityMerge' });

/** An organisation, person, project or topic as staff edit it, in any case (also one only drafts name). */
export const entityRecord = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string().describe('In the requested language, else any'),
    version: z.string().describe(VERSION_DESCRIPTION),
    link_count: z.number().int().describe('Publications in any status that name it: it can be deleted at 0'),
    publication_count: z.number().int().describe('Published publications that name it'),
    fields: z
      .record(z.string(), z.unknown())
      .describe(
        'What PUT takes back, and PATCH merges into: OrganisationWrite, PersonWrite, ProjectWrite or TopicWrite',
      ),
    url: z.string(),
    api_url: z.string(),
  })
  .meta({ id: 'EntityRecord' });
export const entityRecordList = z
  .object({ total: z.number().int(), items: z.array(entityRecord) })
  .meta({ id: 'EntityRecordList' });

/** GET /{type} with a staff token: every entry, found by any name, abbreviation or identifier. */
export const staffEntityQuery = langQuery
  .extend({
    q: z.string().trim().max(200).default('').describe('With a staff token: any name, abbreviation or identifier'),
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('With a staff token: at most this many'),
  })
  .strict();

/** POST /{type}, PUT /{type}/{slug}/record: the same schemas as the staff pages' entity forms. */
export const ENTITY_WRITE = {
  organisations: organisationEdit.strict().meta({ id: 'OrganisationWrite' }),
  people: personEdit.strict().meta({ id: 'PersonWrite' }),
  projects: projectEdit.strict().meta({ id: 'ProjectWrite' }),
  topics: topicEdit.strict().meta({ id: 'TopicWrite' }),
} as const;
