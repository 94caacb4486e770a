// The staff pages' own stylesheet, apart from the readers' one so readers never download it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../http/context.ts';

const css = fs.readFileSync(new URL('./static/admin.css', import.meta.url), 'utf8');

export const ADMIN_STYLESHEET_URL = `/static/admin.${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;

export const adminStylesheet = (c: Ctx) =>
  c.body(css, 200, {
    'Content-Type': 'text/css; charset=utf-8',
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
