// Readers' requests: the order and contact forms, their spam defences (honeypot, rate limit, size
// limits), the staff inbox, and the mail to staff through a real SMTP server started here.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.ts';
import { BACKENDS, makePublication, type TestApp } from './helpers.ts';
import { formBody, location, login, makeUser, openStaffApp, ORIGIN, type Agent } from './staff-helpers.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** An SMTP server on a free local port that keeps what it receives. */
async function startSmtp(): Promise<{
  port: number;
  mails: Received[];
  next: () => Promise<Received>;
  close: () => Promise<void>;
}> {
  const mails: Received[] = [];
  const waiting: Array<(m: Received) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        };
        mails.push(mail);
        waiting.shift()?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    next: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no mail within 10 s')), 10_000);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text of a single-part mail, decoded from its transfer encoding. */
function textBody(m: Received): string {
  const [head, ...rest] = m.data.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  if (/^Content-Transfer-Encoding: base64/im.test(head!)) return Buffer.from(body, 'base64').toString('utf8').trim();
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head!))
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    )
      .toString('utf8')
      .replace(/\r\n/g, '\n')
      .trim();
  return body.replace(/\r\n/g, '\n').trim();
}

/** Waits until the request's mail outcome is noted (the mail is sent after the reader's answer). */
async function mailOutcome(t: TestApp, id: number): Promise<{ mailed_at: Date | null; mail_error: string | null }> {
  for (let i = 0; i < 100; i++) {
    const row = await t.db.one<{ mailed_at: Date | null; mail_error: string | null }>(
      'select mailed_at, mail_error from reader_requests where id = $1',
      [id],
    );
    if (row?.mailed_at || row?.mail_error) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`request ${id}: no mail outcome`);
}

test('STAFF_NOTIFY is a list of addresses; a bad one stops the start', () => {
  assert.deepEqual(loadConfig({ STAFF_NOTIFY: 'a@x.org, b@y.org' }).STAFF_NOTIFY, ['a@x.org', 'b@y.org']);
  assert.deepEqual(loadConfig({}).STAFF_NOTIFY, []);
  assert.throws(() => loadConfig({ STAFF_NOTIFY: 'a@x.org, not-an-address' }), /STAFF_NOTIFY/);
});

for (const backend of BACKENDS) {
  describe(`readers' requests on ${backend}`, () => {
    let t: TestApp | null;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let editor: Agent;
    const STAFF = 'orders-desk@staff.test';
    before(async () => {
      smtp = await startSmtp();
      t = await openStaffApp(backend, {
        REQUEST_LIMIT: '3',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        STAFF_NOTIFY: STAFF,
        MAIL_FROM: 'Kitap <library@staff.test>',
      });
      if (!t) return;
      await makePublication(t.db, { slug: 'printed-2018', title: { en: 'Printed Handbook' }, print_on_request: true });
      await makePublication(t.db, { slug: 'online-only-2019', title: { en: 'Online Only' }, print_on_request: false });
      await makePublication(t.db, { slug: 'draft-2020', status: 'draft', print_on_request: true });
      editor = await login(t, await makeUser(t, 'editor', 'an-editor@staff.test'));
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });
    let n = 0;
    const send = (path: string, fields: Record<string, string>, address = `192.0.2.${++n}`) =>
      t!.get(path, { method: 'POST', body: formBody(fields), headers: { Origin: ORIGIN, 'X-Forwarded-For': address } });
    const order = {
      name: 'Dana Reader',
      organisation: 'Reading Room NGO',
      email: 'dana@reader.test',
      quantity: '25',
      postal_address: 'Abay 1\nAlmaty 050000',
      message: 'For our trainings.',
    };

    test('an order form for publications offered in print, a contact form for every published one', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const item = await (await t.get('/publications/printed-2018')).text();
      assert.match(item, /href="\/publications\/printed-2018\/order"/);
      assert.match(item, /href="\/publications\/printed-2018\/contact"/);
      const online = await (await t.get('/publications/online-only-2019')).text();
      assert.doesNotMatch(online, /\/order"/);
      assert.match(online, /href="\/publications\/online-only-2019\/contact"/);
      const form = await t.get('/ru/publications/printed-2018/order');
      assert.equal(form.status, 200);
      const html = await form.text();
      for (const f of ['name', 'organisation', 'email', 'quantity', 'postal_address', 'message', 'website'])
        assert.match(html, new RegExp(`name="${f}"`), f);
      assert.match(html, /Заказать печатные экземпляры/);
      assert.equal((await t.get('/publications/online-only-2019/order')).status, 404);
      assert.equal((await t.get('/publications/online-only-2019/contact')).status, 200);
      assert.equal((await t.get('/publications/draft-2020/contact')).status, 404);
      assert.equal((await t.get('/publications/nothing-here/contact')).status, 404);
    });

    test('a valid order: 303 to the thanks, stored for the inbox, mailed to staff with the reader as Reply-To', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const mail = smtp.next();
      const r = await send('/publications/printed-2018/order', order);
      assert.equal(r.status, 303);
      assert.equal(location(r), '/publications/printed-2018/order?sent=1');
      assert.match(await (await t.get(location(r))).text(), /your order has reached us/);
      const stored = (await t.db.one<{
        id: number;
        name: string;
        quantity: number;
        postal_address: string;
        status: string;
        language: string;
      }>('select * from reader_requests order by id desc limit 1'))!;
      assert.deepEqual(
        [stored.name, stored.quantity, stored.postal_address, stored.status, stored.language],
        ['Dana Reader', 25, 'Abay 1\nAlmaty 050000', 'new', 'en'],
      );
      const m = await mail;
      assert.deepEqual(m.to, [STAFF]);
      assert.equal(m.from, 'library@staff.test');
      assert.match(m.data, /Reply-To: Dana Reader <dana@reader\.test>/);
      assert.match(m.data, /Subject: \[Kitap\] Order of 25 print copies: Printed Handbook/);
      assert.match(m.data, /Almaty 050000/);
      assert.match(m.data, new RegExp(`/admin/requests/${stored.id}`));
      assert.ok((await mailOutcome(t, stored.id)).mailed_at);

      const inbox = await (await editor.get('/admin/requests')).text();
      assert.match(inbox, /Dana Reader/);
      assert.match(inbox, /Order of print copies × 25/);
      const one = await (await editor.get(`/admin/requests/${stored.id}`)).text();
      for (const s of ['dana@reader.test', 'Reading Room NGO', 'Abay 1', 'For our trainings.'])
        assert.ok(one.includes(s), s);
      assert.equal((await editor.post(`/admin/requests/${stored.id}`, { status: 'in_progress' })).status, 303);
      assert.match(await (await editor.get('/admin/requests?status=in_progress')).text(), /Dana Reader/);
      assert.equal((await editor.post(`/admin/requests/${stored.id}`, { status: 'lost' })).status, 422);
      assert.equal((await editor.get('/admin/requests/999999')).status, 404);
    });

    test('a question through the contact form, in Kazakh', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const mail = smtp.next();
      const r = await send('/kk/publications/online-only-2019/contact', {
        name: 'Асан',
        email: 'asan@reader.test',
        message: 'Қазақша нұсқасы бар ма?',
      });
      assert.equal(r.status, 303);
      assert.equal(location(r), '/kk/publications/online-only-2019/contact?sent=1');
      const m = await mail;
      assert.match(m.data, /Subject: =\?UTF-8\?|Subject: \[Kitap\] Question/);
      const row = (await t.db.one<{ kind: string; language: string; quantity: number | null }>(
        'select kind, language, quantity from reader_requests order by id desc limit 1',
      ))!;
      assert.deepEqual(row, { kind: 'contact', language: 'kk', quantity: null });
    });

    test('the inbox in staff words: labels, the reader’s language by name, notes, and a reply mailed and kept', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const notify = smtp.next();
      await send('/ru/publications/printed-2018/order', {
        ...order,
        name: 'Ольга Читатель',
        email: 'olga@reader.test',
      });
      await notify;
      const id = (await t.db.one<{ id: number }>("select id from reader_requests where email = 'olga@reader.test'"))!
        .id;
      const inbox = await (await editor.get('/admin/requests')).text();
      assert.match(inbox, /<th scope="col">Name<\/th>/);
      assert.doesNotMatch(inbox, /Your name/, 'not the reader form’s labels');
      assert.match(inbox, /Ольга Читатель<\/td><td>Russian<\/td>/);
      let page = await (await editor.get(`/admin/requests/${id}`)).text();
      assert.doesNotMatch(page, /Your name|Your email/);
      assert.match(page, /<dt>Written in<\/dt><dd>Russian<\/dd>/);
      assert.doesNotMatch(page, /<dd>ru<\/dd>/);
      assert.match(page, /No note or reply yet/);
      assert.match(page, /value="Ваш запрос о «Printed Handbook»"/, 'the subject in the reader’s language');
      const ruPage = await (await editor.get(`/ru/admin/requests/${id}`)).text();
      assert.match(ruPage, /<dd>русский<\/dd>|<dd>Русский<\/dd>/);

      // A note: staff only, kept with who and when; an empty one is refused with the form kept.
      const empty = await editor.post(`/admin/requests/${id}/notes`, { note: '   ' });
      assert.equal(empty.status, 422);
      assert.match(await empty.text(), /This is required/);
      const noted = await editor.post(`/admin/requests/${id}/notes`, { note: 'Called the NGO: 25 copies <ok>' });
      assert.equal(noted.status, 303);
      page = await (await editor.get(location(noted))).text();
      assert.match(page, /The note was saved/);
      assert.match(page, /Note by an-editor@staff\.test/);
      assert.match(page, /Called the NGO: 25 copies &lt;ok&gt;/);

      // A reply: mailed to the reader through the SMTP server, from MAIL_FROM, answers going to the desk.
      const mail = smtp.next();
      const replied = await editor.post(`/admin/requests/${id}/reply`, {
        subject: 'Ваш запрос о «Printed Handbook»',
        body: 'Здравствуйте, Ольга!\nКниги отправлены почтой.',
        done: 'on',
      });
      assert.equal(replied.status, 303);
      const m = await mail;
      assert.deepEqual(m.to, ['olga@reader.test']);
      assert.equal(m.from, 'library@staff.test');
      assert.match(m.data, /^To: =\?UTF-8\?.*<olga@reader\.test>|^To: .*olga@reader\.test/m);
      assert.match(m.data, new RegExp(`Reply-To: ${STAFF}`));
      assert.match(m.data, /Subject: =\?UTF-8\?/, 'a Cyrillic subject, encoded');
      assert.equal(textBody(m), 'Здравствуйте, Ольга!\nКниги отправлены почтой.');
      page = await (await editor.get(location(replied))).text();
      assert.match(page, /The reply was sent/);
      assert.match(page, /Reply by an-editor@staff\.test to olga@reader\.test/);
      assert.match(page, /Здравствуйте, Ольга!\nКниги отправлены почтой\./);
      assert.match(page, /Sent [^<]*UTC/);
      assert.match(page, /class="status status-done"/, 'marked done with the reply');
      const stored = (await t.db.one<{ sent_at: Date | null; mail_error: string | null; user_id: number }>(
        "select sent_at, mail_error, user_id from request_messages where kind = 'reply' and request_id = $1",
        [id],
      ))!;
      assert.ok(stored.sent_at);
      assert.equal(stored.mail_error, null);

      // A subject cannot carry a header; nothing is mailed or kept.
      const header = await editor.post(`/admin/requests/${id}/reply`, { subject: 'Hi\r\nBcc: x@evil.test', body: 'x' });
      assert.equal(header.status, 422);
      assert.match(await header.text(), /Hi/);
      assert.equal(
        (await t.db.one<{ n: number }>('select count(*)::int as n from request_messages where request_id = $1', [id]))!
          .n,
        2,
      );
      // Staff who may not handle requests cannot write on them.
      const contributor = await login(t, await makeUser(t, 'contributor'));
      assert.equal((await contributor.post(`/admin/requests/${id}/notes`, { note: 'x' })).status, 403);
      assert.equal((await contributor.post(`/admin/requests/${id}/reply`, { subject: 's', body: 'x' })).status, 403);
      assert.equal((await editor.post('/admin/requests/999999/notes', { note: 'x' })).status, 404);
    });

    test('invalid input: 422 with the values and messages in the reader’s language', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = (await t.db.one<{ n: number }>('select count(*)::int as n from reader_requests'))!.n;
      const r = await send('/ru/publications/printed-2018/order', {
        ...order,
        email: 'not an address',
        quantity: '0',
        name: '',
      });
      assert.equal(r.status, 422);
      const html = await r.text();
      assert.match(html, /Введите адрес электронной почты/);
      assert.match(html, /Введите количество экземпляров от 1 до 1000/);
      assert.match(html, /Обязательное поле/);
      assert.match(html, /value="not an address"/);
      assert.match(html, /Abay 1\nAlmaty 050000<\/textarea>/);
      const long = await send('/publications/online-only-2019/contact', {
        name: 'X',
        email: 'x@reader.test',
        message: 'y'.repeat(5001),
      });
      assert.equal(long.status, 422);
      assert.match(await long.text(), /This is too long/);
      const header = await send('/publications/online-only-2019/contact', {
        name: 'X\r\nBcc: victim@example.org',
        email: 'x@reader.test',
        message: 'hi',
      });
      assert.equal(header.status, 422, 'no line breaks where a mail header could carry them');
      assert.equal((await t.db.one<{ n: number }>('select count(*)::int as n from reader_requests'))!.n, before);
    });

    test('spam defences: the honeypot, the size limit, the rate limit per address, cross-site posts', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const before = (await t.db.one<{ n: number }>('select count(*)::int as n from reader_requests'))!.n;
      const bot = await send('/publications/printed-2018/order', { ...order, website: 'http://spam.example' });
      assert.equal(bot.status, 303, 'looks accepted');
      assert.equal(
        (await t.db.one<{ n: number }>('select count(*)::int as n from reader_requests'))!.n,
        before,
        'but is dropped',
      );
      assert.equal(
        (
          await send('/publications/online-only-2019/contact', {
            name: 'X',
            email: 'x@reader.test',
            message: 'z'.repeat(40_000),
          })
        ).status,
        413,
      );
      const address = '203.0.113.77';
      for (let i = 0; i < 3; i++)
        assert.equal(
          (
            await send(
              '/publications/online-only-2019/contact',
              { name: `N${i}`, email: 'n@reader.test', message: 'hello' },
              address,
            )
          ).status,
          303,
        );
      const limited = await send(
        '/publications/online-only-2019/contact',
        { name: 'N4', email: 'n@reader.test', message: 'hello' },
        address,
      );
      assert.equal(limited.status, 429);
      const wait = Number(limited.headers.get('retry-after'));
      assert.ok(wait > 0 && wait <= 3600, `Retry-After ${wait}`);
      assert.match(await limited.text(), /many requests from your address/);
      assert.equal(
        (
          await send(
            '/publications/online-only-2019/contact',
            { name: 'N5', email: 'n@reader.test', message: 'hello' },
            '203.0.113.78',
          )
        ).status,
        303,
        'another address is fine',
      );
      const forged = await t.get('/publications/online-only-2019/contact', {
        method: 'POST',
        body: formBody({ name: 'F', email: 'f@reader.test', message: 'x' }),
        headers: { Origin: 'https://evil.example' },
      });
      assert.equal(forged.status, 403);
    });

    test('no staff address appears on any public page', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const staff = [STAFF, 'library@staff.test', 'an-editor@staff.test', '@staff.test'];
      for (const path of [
        '/',
        '/publications',
        '/publications/printed-2018',
        '/publications/printed-2018/order',
        '/publications/printed-2018/order?sent=1',
        '/publications/online-only-2019/contact',
        '/ru/publications/printed-2018/order',
        '/login',
        '/api/v1/publications/printed-2018',
        '/no-such-page',
      ]) {
        const text = await (await t.get(path)).text();
        for (const s of staff) assert.ok(!text.includes(s), `${path} shows ${s}`);
      }
    });

    test('a mail server that cannot be reached: the request is kept and the inbox says the mail failed', async (ctx) => {
      if (!t) return ctx.skip('PostgreSQL not reachable');
      const down = await openStaffApp(backend, { SMTP_URL: 'smtp://127.0.0.1:9', STAFF_NOTIFY: STAFF });
      try {
        await makePublication(down!.db, { slug: 'p-2001' });
        const r = await down!.get('/publications/p-2001/contact', {
          method: 'POST',
          body: formBody({ name: 'M', email: 'm@reader.test', message: 'hi' }),
          headers: { Origin: ORIGIN },
        });
        assert.equal(r.status, 303, 'the reader is not kept waiting nor shown an error');
        const id = (await down!.db.one<{ id: number }>('select id from reader_requests'))!.id;
        const outcome = await mailOutcome(down!, id);
        assert.equal(outcome.mailed_at, null);
        assert.match(outcome.mail_error!, /ECONNREFUSED|connect/i);
        const admin = await login(down!, await makeUser(down!, 'admin'));
        assert.match(await (await admin.get(`/admin/requests/${id}`)).text(), /Mail failed/);
        // A reply that cannot be sent is kept, with the reason, and the page says so.
        const replied = await admin.post(`/admin/requests/${id}/reply`, {
          subject: 'About your question',
          body: 'Kept text',
        });
        assert.equal(replied.status, 303);
        const page = await (await admin.get(location(replied))).text();
        assert.match(page, /The reply could not be sent/);
        assert.match(page, /Kept text/);
        assert.match(page, /Not sent: [^<]*(ECONNREFUSED|connect)/i);
        assert.match(page, /class="status status-new"/, 'an unsent reply does not move the request on');
      } finally {
        await down!.close();
      }
    });
  });
}
