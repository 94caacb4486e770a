// A reader as the statistics know them: a hash of address and user agent with a salt of the day. The salt
// lives only in memory and is replaced when the (UTC) day changes, so nothing stored can be tied back to an
// address, nor one day's visitor to another's (the Umami approach). COUNTER's user session is this visitor
// within one clock hour (src/store/stats-daily.ts).
import { createHash, randomBytes } from 'node:crypto';

/** Random salts by UTC day, forgotten when the day is over (an import of old logs holds one per day it reads). */
export class DailySalts {
  private readonly salts = new Map<string, Buffer>();
  constructor(private readonly keepDays = 1) {}

  of(at: Date): Buffer {
    const day = at.toISOString().slice(0, 10);
    let salt = this.salts.get(day);
    if (!salt) {
      salt = randomBytes(16);
      this.salts.set(day, salt);
      for (const old of [...this.salts.keys()].sort().slice(0, Math.max(0, this.salts.size - this.keepDays)))
        this.salts.delete(old);
    }
    return salt;
  }
}

/** The anonymous visitor of one day: 96 bits of sha256(salt, address, agent). */
export function visitorOf(salt: Buffer, address: string, agent: string): string {
  return createHash('sha256').update(salt).update(address).update('\0').update(agent).digest('base64url').slice(0, 16);
}
