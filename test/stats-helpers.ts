// Usage statistics test support: a small catalogue with files, funders and projects, and a synthetic access
// log over it whose counts were worked out by hand (line by line in the comments).
import { createHash } from 'node:crypto';
import { addFile } from '../src/store/files.ts';
import { publicationIdBySlug } from '../src/store/publications.ts';
import { makePublication, type TestApp } from './helpers.ts';

export interface StatsCatalogue {
  alpha: number;
  beta: number;
  a1: number;
  a2: number;
  b1: number;
}

const BYTES = Buffer.from('%PDF-1.4\n' + 'x'.repeat(3000));

/** Two publications: alpha (funder USAID, project LM; files a1 in English, a2 in Russian) and beta (funder UK aid; file b1). */
export async function makeStatsCatalogue(t: TestApp): Promise<StatsCatalogue> {
  await makePublication(t.db, {
    slug: 'alpha',
    title: { en: 'Alpha report', ru: 'Доклад Альфа' },
    year: 2019,
    organisations: [{ name: 'USAID', role: 'funder' }],
    projects: [{ name: 'Labour migration' }],
  });
  await makePublication(t.db, {
    slug: 'beta',
    title: { en: 'Beta handbook' },
    year: 2021,
    organisations: [{ name: 'UK aid', role: 'funder' }],
  });
  const stored = await t.deps.files.put(BYTES);
  const file = (name: string, language: string) => ({
    sha256: stored.sha256,
    original_name: name,
    media_type: 'application/pdf',
    size: BYTES.length,
    language,
  });
  const alpha = (await publicationIdBySlug(t.db, 'alpha'))!;
  const beta = (await publicationIdBySlug(t.db, 'beta'))!;
  return {
    alpha,
    beta,
    a1: await addFile(t.db, alpha, file('alpha-en.pdf', 'en')),
    a2: await addFile(t.db, alpha, file('alpha-ru.pdf', 'ru')),
    b1: await addFile(t.db, beta, file('beta.pdf', 'en')),
  };
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

function line(ip: string, time: string, request: string, status: number, agent: string): string {
  return `${ip} - - [05/Mar/2024:${time} +0000] "${request} HTTP/1.1" ${status} 1234 "-" "${agent}"`;
}

/** The old site's address of beta's file, for the mapping file. */
export const OLD_ADDRESS = '/old/docs/report-2019.pdf';

/**
 * 27 lines on 5 March 2024: three people (P1 Firefox, P2 Chrome, P3 iPhone), three robots from the COUNTER
 * list (Googlebot, python-requests, curl from P1's own address), double clicks, ranges, three sessions of P3.
 */
export function syntheticLog(c: StatsCatalogue): string[] {
  const A1 = `/publications/alpha/files/${c.a1}/alpha-en.pdf`;
  const A2 = `/ru/publications/alpha/files/${c.a2}/alpha-ru.pdf`;
  const B1 = `/publications/beta/files/${c.b1}/beta.pdf`;
  return [
    line('10.0.0.1', '10:00:00', 'GET /publications/alpha', 200, FIREFOX), // 1 alpha page: counted, unique (P1 h10)
    line('10.0.0.1', '10:00:10', 'GET /publications/alpha', 200, FIREFOX), // 2 double click of 1: not counted
    line('10.0.0.1', '10:00:50', 'GET /publications/alpha', 304, FIREFOX), // 3 40 s after 2: counted (304 too)
    line('10.0.0.1', '10:01:00', `GET ${A1}`, 200, FIREFOX), // 4 a1: counted request, the session's first request of alpha
    line('10.0.0.1', '10:01:05', `GET ${A1}`, 206, FIREFOX), // 5 range 5 s later: not counted
    line('10.0.0.1', '10:03:00', `GET ${A1}`, 206, FIREFOX), // 6 range within the hour of 5: not counted
    line('10.0.0.1', '10:20:00', `GET ${A2}`, 200, FIREFOX), // 7 a2 (Russian): counted, not unique (same session)
    line('10.0.0.1', '11:05:00', 'GET /publications/alpha', 200, FIREFOX), // 8 new session (h11): counted, unique
    line(
      '66.249.66.1',
      '10:00:05',
      'GET /publications/alpha',
      200,
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    ), // 9 robot
    line('10.0.0.9', '10:00:06', `GET ${A1}`, 200, 'python-requests/2.31.0'), // 10 robot
    line('10.0.0.1', '10:02:00', `GET ${B1}`, 200, 'curl/8.5.0'), // 11 robot (P1's address, another agent)
    line('10.0.0.2', '10:30:00', 'GET /kk/publications/beta', 200, CHROME), // 12 beta page: counted, unique (P2 h10)
    line('10.0.0.2', '10:30:20', `GET ${B1}`, 200, CHROME), // 13 b1: counted, unique request
    line('10.0.0.2', '10:30:40', `GET ${B1}`, 200, CHROME), // 14 double click of 13: not counted
    line('10.0.0.2', '10:31:30', `GET ${B1}`, 200, CHROME), // 15 50 s after 14: counted, not unique
    line('10.0.0.2', '10:45:00', 'GET /publications/alpha', 200, CHROME), // 16 alpha page: counted, unique (P2 h10)
    line('10.0.0.2', '10:45:01', `HEAD ${A1}`, 200, CHROME), // 17 HEAD: not counted
    line('10.0.0.2', '10:46:00', `GET ${A1}`, 404, CHROME), // 18 404: not counted
    line('10.0.0.3', '12:00:00', `GET ${A1}`, 206, IPHONE), // 19 first range, nothing before: counted, unique (P3 h12)
    line('10.0.0.3', '12:00:02', `GET ${A1}`, 206, IPHONE), // 20 double click: not counted
    line('10.0.0.3', '12:10:00', `GET ${A1}`, 206, IPHONE), // 21 range within the hour: not counted
    line('10.0.0.3', '13:30:00', `GET ${A1}`, 206, IPHONE), // 22 80 min after 21, session h13: counted, unique
    line('10.0.0.3', '12:05:00', 'GET /publications/gamma-unknown', 200, IPHONE), // 23 no such publication: not written
    line('10.0.0.3', '12:06:00', 'GET /about.html', 200, IPHONE), // 24 not an item: other
    'this is not a log line', // 25 malformed
    line('10.0.0.3', '14:00:00', `GET ${OLD_ADDRESS}`, 200, IPHONE), // 26 old address of b1: counted, unique (P3 h14)
    line('10.0.0.1', '14:00:00', 'GET /publications/beta', 301, FIREFOX), // 27 redirect: not counted
  ];
}

/** The hand-worked answer, by publication and file (0: the item page). */
export const EXPECTED = {
  alpha: { investigations: 8, unique_investigations: 5, requests: 4, unique_requests: 3 },
  beta: { investigations: 4, unique_investigations: 2, requests: 3, unique_requests: 2 },
  total: { investigations: 12, unique_investigations: 7, requests: 7, unique_requests: 5 },
  // alpha: page 1, 3, 8, 16; a1 4, 19, 22; a2 7. beta: page 12; b1 13, 15, 26.
  files: {
    a1: { requests: 3, unique_requests: 3 },
    a2: { requests: 1, unique_requests: 0 },
    b1: { requests: 3, unique_requests: 2 },
  },
  import: { lines: 27, malformed: 1, robots: 3, other: 4, events: 19, written: 18 },
};

export const sha = (s: string) => createHash('sha256').update(s).digest('hex');
