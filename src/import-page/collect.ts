// A full garbage collection between sections of a long page. V8 lets the heap grow to several times what is
// live before it collects (the machine has gigabytes), so a 20 MB page peaked far above what it holds; forcing
// one after each section keeps the peak near one section's worth (bench/RESULTS.md), for a few per cent of the
// time (what is live between sections is small: the report is spooled to a file). The command runs without --expose-gc, so the function is fetched once through V8's flags.
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | null | undefined;

/** Runs a full collection when the runtime allows it; a no-op otherwise. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      gc = (globalThis as { gc?: () => void }).gc ?? null;
      if (!gc) {
        v8.setFlagsFromString('--expose-gc');
        gc = vm.runInNewContext('gc') as () => void;
      }
    } catch {
      gc = null;
    }
  }
  gc?.();
}
