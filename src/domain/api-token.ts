// What a new API token needs: a name saying what it is for, and optionally a lifetime in days.
import { z } from 'zod';

export const TOKEN_NAME_MAX = 100;
export const TOKEN_DAYS_MAX = 3650;

/** A new token's values, from the admin form or the command line ('' or no days: until revoked). */
export const apiTokenInput = z.object({
  name: z.string().trim().min(1).max(TOKEN_NAME_MAX),
  days: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce.number().int().min(1).max(TOKEN_DAYS_MAX).nullable(),
  ),
});
export type ApiTokenInput = z.infer<typeof apiTokenInput>;
