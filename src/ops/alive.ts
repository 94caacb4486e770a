// Whether a process still runs, for the files named after their owner's pid (the PGlite lock, staging folders,
// half-written backups): signal 0 checks without sending anything; EPERM means it runs as someone else.
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
