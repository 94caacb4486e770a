// The one-time link that lets an account choose its password.
import type { Db } from '../db/db.ts';
import { createSetupToken } from '../store/setup-tokens.ts';

/** How long a setup link works. */
export const SETUP_LINK_HOURS = 72;

/** A new setup link for the user at origin (the older ones stop working). */
export async function setupLink(db: Db, userId: number, origin: string): Promise<string> {
  return `${origin.replace(/\/$/, '')}/setup/${await createSetupToken(db, userId, SETUP_LINK_HOURS)}`;
}
