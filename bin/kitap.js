#!/usr/bin/env node
// The `kitap` command. Sources are TypeScript, run through tsx so there is no build step.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Between full collections V8 lets its heap grow to up to four times what was live after the last one: on the
// server, garbage from rendering and browsing took the peak 60 MB above the steady state (bench/RESULTS.md).
// One and a half times keeps the peak down at no measured cost in speed. V8 reads it at each collection.
setFlagsFromString('--heap-growing-percent=50');
// tsx compiles our modules on a thread of its own (module.register), a V8 heap of its own that kept 32 MB for
// new objects it no longer makes once the modules are loaded; made while this is set, it gets 2 MB: -23 MB of
// resident memory, startup as fast. Put back to V8's default (0) for anything made later.
setFlagsFromString('--max-semi-space-size=1');
// Our tsconfig.json by its path: tsx would look for one in the working folder, and without it compile JSX for React
// (every page a 500 when kitap is started from anywhere else, as a service or from cron may be).
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
setFlagsFromString('--max-semi-space-size=0');
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
