// The process logger (pino, JSON lines on stderr so stdout stays clean for command output).
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level }, pino.destination(2));
}
