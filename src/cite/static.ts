// The Cite box's script, served from memory under a content-hashed URL (like the stylesheet): the page's
// CSP allows scripts from 'self' only, never inline.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

const js = fs.readFileSync(new URL('./static/cite.js', import.meta.url), 'utf8');

export const CITE_SCRIPT = js;
export const CITE_SCRIPT_URL = `/static/cite.${createHash('sha256').update(js).digest('hex').slice(0, 10)}.js`;
