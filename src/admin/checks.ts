// Checks of a publication's input that need the database: its own slug is free, relations point somewhere.
import type { Db } from '../db/db.ts';
import type { PublicationInput } from '../domain/publication.ts';
import { publicationIdBySlug } from '../store/publications.ts';
import type { FieldError } from '../http/forms.ts';

/** Problems with slugs: a new publication's chosen slug taken, a relation to itself or to no publication. */
export async function referenceErrors(db: Db, input: PublicationInput, ownSlug: string | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!ownSlug && input.slug && (await publicationIdBySlug(db, input.slug)) !== null)
    errors.push({ field: 'slug', key: 'form.slug_taken' });
  for (const [i, r] of input.relations.entries()) {
    const field = `relations.${i}.target`;
    if (r.target === (ownSlug ?? input.slug)) errors.push({ field, key: 'form.self_relation' });
    else if ((await publicationIdBySlug(db, r.target)) === null)
      errors.push({ field, key: 'form.unknown_publication' });
  }
  return errors;
}
