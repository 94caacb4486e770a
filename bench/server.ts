// The server under test as a child process (`node bin/kitap.js serve`), its memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const KITAP = fileURLToPath(new URL('../bin/kitap.js', import.meta.url));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

/** Resident memory of a process in bytes: now (VmRSS) and its peak so far (VmHWM); null once it is gone. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in seconds; NaN once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux that Node runs on

/** Polls url until it answers 200, the child dies, or timeoutMs passes. */
export async function waitReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} after ${timeoutMs} ms:\n${output()}`);
}

/** Stops a child with SIGTERM, then SIGKILL after graceMs; resolves when it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Server {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `kitap serve` on a free loopback port with the given database; resolves once /healthz answers. */
export async function startKitap(env: { DATA_DIR: string; DATABASE_URL?: string }): Promise<Server> {
  const port = await freePort();
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, [KITAP, 'serve'], {
    env: { ...parentEnv, ...env, PORT: String(port), HOST: '127.0.0.1', LOAD_DEMO: 'never', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${origin}/healthz`, child, 60_000, () => output);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { origin, pid: child.pid!, stop: () => stopChild(child) };
}

/** Samples a process's RSS every intervalMs; stop() returns the largest sample and the kernel's peak (VmHWM). */
export function sampleMemory(pid: number, intervalMs = 100): { stop(): { maxSampled: number; peak: number } } {
  let maxSampled = 0;
  let peak = 0;
  const read = () => {
    const m = memoryOf(pid);
    if (m) {
      maxSampled = Math.max(maxSampled, m.rss);
      peak = Math.max(peak, m.peak);
    }
  };
  read();
  const timer = setInterval(read, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return { maxSampled, peak };
    },
  };
}
