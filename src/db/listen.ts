// LISTEN/NOTIFY for what a server keeps in memory (issue 16): a write's triggers name what it changed
// (migration 0083), and every server drops just that. See Db.listen in db.ts.
import pg from 'pg';
import type { ChangeListener, Db } from './db.ts';

/** The channel the triggers of migration 0083 notify: 'pages SLUG …', 'pages *', 'facets'. */
export const CHANGES_CHANNEL = 'kitap_changes';

/** `listener` listening to CHANGES_CHANNEL where the database can (else it is never told it listens). */
export async function listening<T extends ChangeListener>(db: Db, listener: T): Promise<T> {
  await db.listen?.(CHANGES_CHANNEL, listener).catch(() => {});
  return listener;
}

/** The listeners of one database, by channel. */
export class Listeners {
  private readonly byChannel = new Map<string, Set<ChangeListener>>();
  private on = false;

  get channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /** Adds a listener, told at once when its channel is being listened to. */
  add(channel: string, listener: ChangeListener): void {
    const set = this.byChannel.get(channel);
    if (set) set.add(listener);
    else this.byChannel.set(channel, new Set([listener]));
    if (this.on) listener.listening(true);
  }

  remove(channel: string, listener: ChangeListener): void {
    this.byChannel.get(channel)?.delete(listener);
  }

  dispatch(channel: string, payload: string): void {
    for (const l of this.byChannel.get(channel) ?? []) l.notify(payload);
  }

  listening(on: boolean): void {
    this.on = on;
    for (const set of this.byChannel.values()) for (const l of set) l.listening(on);
  }
}

const listenSql = (channel: string) => `listen ${pg.escapeIdentifier(channel)}`;

/**
 * A PostgreSQL server: one dedicated connection listens, reconnecting (with a growing pause) when it drops.
 * Every pool connection listens too, for its own notifications only: PostgreSQL sends a session its own before
 * the ReadyForQuery that ends its commit, so this process drops what it wrote before the write returns (a page
 * saved by one request is never served stale to the next), where the dedicated connection hears it a moment
 * later — and skips it then, as it skips every notification sent by one of this pool's connections.
 */
export function pgListening(config: pg.ClientConfig, pool: pg.Pool) {
  const listeners = new Listeners();
  /** The backends of this pool's connections that listen: their notifications are told by themselves. */
  const own = new Set<number>();
  const processId = (c: pg.ClientBase) => (c as unknown as { processID: number }).processID;
  const heard = new WeakMap<pg.PoolClient, Set<string>>();
  /**
   * Makes a pool connection listen to every channel it does not yet, before it runs a statement for this process
   * (awaited: a client runs one query at a time, and pg@9 refuses a second while one is under way). Undefined, not
   * a promise, when there is nothing to do, so the usual statement waits for nothing more.
   */
  function ready(client: pg.PoolClient): Promise<void> | undefined {
    const has = heard.get(client);
    if ((has?.size ?? 0) === listeners.channels.length) return undefined;
    return (async () => {
      let set = has;
      if (!set) {
        heard.set(client, (set = new Set()));
        client.on('notification', (m) => {
          if (m.processId === processId(client)) listeners.dispatch(m.channel, m.payload ?? '');
        });
      }
      for (const channel of listeners.channels) {
        if (set.has(channel)) continue;
        await client.query(listenSql(channel));
        set.add(channel);
        own.add(processId(client));
      }
    })();
  }
  pool.on('remove', (client) => own.delete(processId(client)));
  const dispatch = (m: pg.Notification) => {
    if (!own.has(m.processId)) listeners.dispatch(m.channel, m.payload ?? '');
  };
  let client: pg.Client | null = null;
  let closed = false;
  let started: Promise<void> | null = null;

  async function connect(): Promise<void> {
    for (let pause = 100; !closed; pause = Math.min(pause * 2, 5000)) {
      const c = new pg.Client({ ...config, application_name: 'kitap listener', keepAlive: true });
      c.on('error', () => {}); // 'end' follows, which reconnects
      try {
        await c.connect();
        for (const channel of listeners.channels) await c.query(listenSql(channel));
      } catch {
        await c.end().catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, pause).unref());
        continue;
      }
      if (closed) {
        await c.end().catch(() => {});
        return;
      }
      c.on('notification', dispatch);
      c.once('end', () => {
        client = null;
        if (closed) return;
        listeners.listening(false);
        void connect();
      });
      client = c;
      listeners.listening(true);
      return;
    }
  }

  return {
    ready,
    async listen(channel: string, listener: ChangeListener): Promise<() => void> {
      if (!listeners.channels.includes(channel) && client) await client.query(listenSql(channel));
      listeners.add(channel, listener);
      // The first attempt is awaited; later ones go on in the background (the listener hears when they succeed).
      started ??= Promise.race([connect(), new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
      await started;
      return () => listeners.remove(channel, listener);
    },
    async close(): Promise<void> {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}

/**
 * Finds NotificationResponse messages ('A': pid, channel, payload) in the bytes the embedded database sends a
 * command connected through the server's socket. PGlite is one session: a command's commit delivers the server's
 * notifications into that command's answer, which PGlite does not parse; this does, for the server's listeners.
 * One scanner per answer (an answer is whole messages), which may come in any pieces.
 */
export class NotificationScanner {
  private readonly head = Buffer.alloc(5);
  private headLength = 0;
  private remaining = 0;
  private body: Buffer | null = null;
  private filled = 0;

  constructor(private readonly found: (channel: string, payload: string) => void) {}

  push(data: Uint8Array): void {
    let i = 0;
    while (i < data.length) {
      if (this.headLength < 5) {
        this.head[this.headLength++] = data[i++]!;
        if (this.headLength === 5) {
          this.remaining = this.head.readInt32BE(1) - 4;
          this.body = this.head[0] === 0x41 ? Buffer.alloc(this.remaining) : null;
          this.filled = 0;
          if (this.remaining <= 0) this.end();
        }
        continue;
      }
      const n = Math.min(this.remaining, data.length - i);
      this.body?.set(data.subarray(i, i + n), this.filled);
      this.filled += n;
      this.remaining -= n;
      i += n;
      if (this.remaining === 0) this.end();
    }
  }

  private end(): void {
    const body = this.body;
    this.headLength = 0;
    this.body = null;
    if (!body) return;
    const channelEnd = body.indexOf(0, 4);
    const payloadEnd = body.indexOf(0, channelEnd + 1);
    if (channelEnd < 0 || payloadEnd < 0) return;
    this.found(body.toString('utf8', 4, channelEnd), body.toString('utf8', channelEnd + 1, payloadEnd));
  }
}
