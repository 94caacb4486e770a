// The staff pages' own stylesheet and script, apart from the readers' so readers never download them; each
// served at an address that names its content, so browsers keep it for good.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../http/context.ts';

function asset(file: string, type: string) {
  const body = fs.readFileSync(new URL(`./static/${file}`, import.meta.url), 'utf8');
  const [name, ext] = file.split('.');
  return {
    url: `/static/${name === 'admin' ? 'admin' : `admin-${name}`}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`,
    serve: (c: Ctx) =>
      c.body(body, 200, {
        'Content-Type': `${type}; charset=utf-8`,
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
  };
}

const css = asset('admin.css', 'text/css');
export const ADMIN_STYLESHEET_URL = css.url;
export const adminStylesheet = css.serve;

/** Keeps the uploads list of a publication's page up to date (static/jobs.js). */
const jobs = asset('jobs.js', 'text/javascript');
export const ADMIN_JOBS_SCRIPT_URL = jobs.url;
export const adminJobsScript = jobs.serve;
