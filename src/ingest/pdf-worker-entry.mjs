// Entry of the PDF child process, in plain JavaScript on purpose: pdf.js is loaded before the
// TypeScript loader is registered, because through tsx its two large bundles take about 5 s to
// load instead of 0.4 s. The TypeScript modules then import the same, already loaded, pdf.js.
await import('pdfjs-dist/legacy/build/pdf.mjs');
// pdf.js runs its "worker" in this process when it finds it here, instead of importing it again.
globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
const { register } = await import('tsx/esm/api');
const { fileURLToPath } = await import('node:url');
// Our tsconfig.json by its path, not the working folder's (bin/kitap.js).
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
await import('./pdf-worker.ts');
