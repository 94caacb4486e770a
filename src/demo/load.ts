// Loads the demo catalogue (the organisation's old publications page, as data) into an empty database.
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { publicationInput, topicInput } from '../domain/publication.ts';
import { SAMPLES, samplePdf } from './samples.ts';
import { queueIngest, type IngestDeps } from '../ingest/jobs.ts';
import { saveTopic } from '../store/entities.ts';
import {
  addRelation,
  createPublication,
  publicationIdBySlug,
  publicationWithoutFiles,
  type PendingRelation,
} from '../store/publications.ts';

const catalogueFile = z.object({
  topics: z.array(topicInput),
  publications: z.array(publicationInput.extend({ slug: z.string() })),
});
export type CatalogueFile = z.infer<typeof catalogueFile>;

export const DEMO_CATALOGUE = new URL('./catalogue.json', import.meta.url);

/** Reads and validates a catalogue file. */
export function readCatalogue(url: URL | string = DEMO_CATALOGUE): CatalogueFile {
  return catalogueFile.parse(JSON.parse(fs.readFileSync(url, 'utf8')));
}

/** Creates the catalogue's topics and publications (skipping slugs that exist), then links their relations. */
export async function loadCatalogue(db: Db, catalogue: CatalogueFile): Promise<{ created: number; skipped: number }> {
  return db.tx(async (t) => {
    for (const topic of catalogue.topics) await saveTopic(t, topic);
    let created = 0;
    const pending: PendingRelation[] = [];
    for (const p of catalogue.publications) {
      if (await publicationIdBySlug(t, p.slug)) continue;
      pending.push(...(await createPublication(t, p)).pending);
      created++;
    }
    // Relations may point forward in the file: link them once every publication exists.
    for (const r of pending) {
      const source = await publicationIdBySlug(t, r.source);
      if (!source || !(await addRelation(t, source, r.type, r.target)))
        throw new Error(`relation ${r.source} ${r.type} ${r.target}: no publication "${r.target}"`);
    }
    return { created, skipped: catalogue.publications.length - created };
  });
}

/** Queues the generated sample PDFs on the demo publications that have no file yet; returns the job ids. */
export async function queueSampleFiles(deps: IngestDeps): Promise<number[]> {
  const jobs: number[] = [];
  for (const sample of SAMPLES) {
    const publicationId = await publicationWithoutFiles(deps.db, sample.slug);
    if (publicationId === null) continue;
    jobs.push(
      await queueIngest(deps, await samplePdf(sample), {
        publicationId,
        originalName: sample.fileName,
        language: sample.language,
        isSample: true,
      }),
    );
  }
  return jobs;
}
