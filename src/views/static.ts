// The stylesheet, served from memory under a content-hashed URL so browsers may cache it forever.
import { createHash } from 'node:crypto';
import fs from 'node:fs';

const css = fs.readFileSync(new URL('./kitap.css', import.meta.url), 'utf8');
const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);

export const STYLESHEET = css;
export const STYLESHEET_URL = `/static/kitap.${hash}.css`;
