// A reader as the statistics know them: a hash of address and user agent with a salt of the day. The salt
// lives only in memory and is replaced when the (UTC) day changes, so nothing stored can be tied back to an
// address, nor one day's visitor to another's (the Umami approach). COUNTER's user session is this visitor
// within one clock hour (src/store/stats-daily.ts).
import { hash, randomBytes } from 'node:crypto';

const DAY_MS = 86_400_000;

/** Random salts by UTC day, forgotten when the day is over (an import of old logs holds one per day it reads). */
export class DailySalts {
  private readonly salts = new Map<number, string>();
  // The last day asked for and its salt: a live server asks for the same day all day long.
  private lastDay = Number.NaN;
  private lastSalt = '';
  constructor(private readonly keepDays = 1) {}

  /** The salt of the UTC day of a time (a Date or milliseconds since 1970). */
  of(at: Date | number): string {
    const day = Math.floor((typeof at === 'number' ? at : at.getTime()) / DAY_MS);
    if (day === this.lastDay) return this.lastSalt;
    let salt = this.salts.get(day);
    if (!salt) {
      salt = randomBytes(16).toString('base64');
      this.salts.set(day, salt);
      for (const old of [...this.salts.keys()]
        .sort((a, b) => a - b)
        .slice(0, Math.max(0, this.salts.size - this.keepDays)))
        this.salts.delete(old);
    }
    this.lastDay = day;
    this.lastSalt = salt;
    return salt;
  }
}

/** The anonymous visitor of one day: 96 bits of sha256(salt, address, agent), in one call (no hash object). */
export function visitorOf(salt: string, address: string, agent: string): string {
  return hash('sha256', `${salt}${address}\0${agent}`, 'base64url').slice(0, 16);
}
