// Test support for the staff side: accounts made directly in the database, and a small "browser"
// that logs in through the form, keeps its session cookie and posts forms with their CSRF token.
import { hashPassword } from '../src/auth/password.ts';
import type { Role } from '../src/domain/roles.ts';
import { createUser } from '../src/store/users.ts';
import { openTestApp, type Backend, type TestApp } from './helpers.ts';

/** Cheap password hashing and small limits, so tests stay fast and limits are quick to reach. */
export const STAFF_ENV = { SCRYPT_COST: '1024', TRUST_PROXY: 'true' };

export function openStaffApp(backend: Backend, env: Record<string, string> = {}): Promise<TestApp | null> {
  return openTestApp(backend, { ...STAFF_ENV, ...env });
}

export const PASSWORD = 'correct horse battery';
let n = 0;

/** An account of the given role with PASSWORD; returns its address. */
export async function makeUser(t: TestApp, role: Role, email = `${role}${++n}@staff.test`): Promise<string> {
  await createUser(t.db, { email, role, passwordHash: await hashPassword(PASSWORD, 1024) });
  return email;
}

export const ORIGIN = 'http://localhost';
type Fields = Record<string, string | string[]>;

export interface Agent {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  /** A form post from our own pages: Origin set, the CSRF token added unless fields have one. */
  post(path: string, fields?: Fields, headers?: Record<string, string>): Promise<Response>;
  /** A multipart post (file upload); the token goes first, as the browser sends the form's fields in order. */
  upload(
    path: string,
    fields: Fields,
    file: { name: string; bytes: Buffer | string; type?: string } | null,
  ): Promise<Response>;
}

export function formBody(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
}

/** Logs in through the form as `email`; throws unless it is accepted. */
export async function login(t: TestApp, email: string, password = PASSWORD, address = '198.51.100.7'): Promise<Agent> {
  const r = await t.get('/login', {
    method: 'POST',
    body: formBody({ email, password }),
    headers: { Origin: ORIGIN, 'X-Forwarded-For': address },
  });
  if (r.status !== 303) throw new Error(`login of ${email} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
  const cookie = /kitap_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
  return agent(t, cookie);
}

export async function agent(t: TestApp, cookie: string): Promise<Agent> {
  const a: Agent = {
    cookie,
    csrf: '',
    get: (path) => t.get(path, { headers: { Cookie: a.cookie } }),
    post: (path, fields = {}, headers = {}) =>
      t.get(path, {
        method: 'POST',
        body: formBody({ _csrf: a.csrf, ...fields }),
        headers: { Cookie: a.cookie, Origin: ORIGIN, ...headers },
      }),
    upload(path, fields, file) {
      const form = new FormData();
      form.append('_csrf', a.csrf);
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
      if (file)
        form.append(
          'file',
          new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)], {
            type: file.type ?? 'application/pdf',
          }),
          file.name,
        );
      return t.get(path, { method: 'POST', body: form, headers: { Cookie: a.cookie, Origin: ORIGIN } });
    },
  };
  const page = await (await a.get('/admin')).text();
  a.csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return a;
}

/** The form fields of a minimal valid publication, overridable. */
export function publicationFields(over: Fields = {}): Fields {
  return {
    kind: 'report',
    original_language: 'en',
    'title.en': 'A staff-made report',
    year: '2024',
    languages: ['en'],
    ...over,
  };
}

/** The path a 303 points to. */
export const location = (r: Response) => r.headers.get('location') ?? '';
