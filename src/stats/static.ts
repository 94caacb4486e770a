// The statistics pages' stylesheet (screen and a print layout for an A4 donor report), at a content-hashed URL.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Context } from 'hono';

const css = fs.readFileSync(new URL('./static/stats.css', import.meta.url), 'utf8');
export const STATS_STYLESHEET_URL = `/static/stats.${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
export const statsStylesheet = (c: Context) =>
  c.body(css, 200, {
    'Content-Type': 'text/css; charset=utf-8',
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
