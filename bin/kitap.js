#!/usr/bin/env node
// The `kitap` command. Sources are TypeScript, run through tsx so there is no build step.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Between full collections V8 lets its heap grow to up to four times what was live after the last one: on the
// server, garbage from rendering and browsing took the peak 60 MB above the steady state (bench/RESULTS.md).
// One and a half times keeps the peak down at no measured cost in speed. V8 reads it at each collection.
setFlagsFromString('--heap-growing-percent=50');
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
