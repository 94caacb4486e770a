// Entry of the step-timing child (bench/ingest-steps.ts): loads what src/ingest/pdf-worker-entry.mjs
// loads, in the same order, noting when each part is ready, then times the worker's steps on the
// file given as its one argument and sends the times to the parent.
const node = performance.now(); // performance's origin is the start of the process
await import('pdfjs-dist/legacy/build/pdf.mjs');
globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
const pdfjs = performance.now() - node;
const { register } = await import('tsx/esm/api');
register();
const { timeSteps } = await import('./ingest-steps.ts');
const modules = performance.now() - node - pdfjs;
const steps = await timeSteps(process.argv[2], { node, pdfjs, modules });
process.send(steps, () => process.exit(0));
