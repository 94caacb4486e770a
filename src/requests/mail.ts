// Mail to staff about a reader's request (nodemailer, SMTP_URL). Sent after the answer to the reader,
// so a slow mail server never keeps them waiting; the outcome is noted on the request for the inbox.
import type { Transporter } from 'nodemailer';
import type { PublicationDetail } from '../domain/records.ts';
import { markMailed, type NewRequest } from '../store/requests.ts';
import type { Deps } from '../http/context.ts';

// nodemailer is loaded by the first mail sent: a site without SMTP_URL never needs its memory (some 15 MB).
const transports = new Map<string, Promise<Transporter>>();
function transport(url: string): Promise<Transporter> {
  let t = transports.get(url);
  if (!t) transports.set(url, (t = import('nodemailer').then((m) => m.default.createTransport(url))));
  return t;
}

/** The mail for one request: to STAFF_NOTIFY, replies going to the reader. */
export function requestMail(deps: Deps, r: NewRequest & { id: number }, p: PublicationDetail, origin: string) {
  const title = p.title[p.original_language as keyof typeof p.title] ?? Object.values(p.title)[0] ?? p.slug;
  const what = r.kind === 'order' ? `Order of ${r.quantity} print ${r.quantity === 1 ? 'copy' : 'copies'}` : 'Question';
  const lines = [
    `${what} about “${title}”`,
    `${origin}/publications/${p.slug}`,
    '',
    `Name: ${r.name}`,
    r.organisation && `Organisation: ${r.organisation}`,
    `Email: ${r.email}`,
    r.quantity && `Quantity: ${r.quantity}`,
    r.postal_address && `Postal address:\n${r.postal_address}`,
    r.message && `Message:\n${r.message}`,
    `Written in: ${r.language}`,
    '',
    `In the inbox: ${origin}/admin/requests/${r.id}`,
  ].filter((l) => l !== null && l !== undefined);
  return {
    from: deps.config.MAIL_FROM,
    to: deps.config.STAFF_NOTIFY,
    replyTo: { name: r.name, address: r.email },
    subject: `[Kitap] ${what}: ${title}`.slice(0, 200),
    text: lines.join('\n'),
  };
}

/** Mails the request to staff when SMTP_URL and STAFF_NOTIFY are set; never throws. */
export function notifyStaff(
  deps: Deps,
  r: NewRequest & { id: number },
  p: PublicationDetail,
  origin: string,
): Promise<void> {
  const { SMTP_URL, STAFF_NOTIFY } = deps.config;
  if (!SMTP_URL || STAFF_NOTIFY.length === 0) return Promise.resolve();
  return transport(SMTP_URL)
    .then((t) => t.sendMail(requestMail(deps, r, p, origin)))
    .then(
      () => markMailed(deps.db, r.id, null),
      async (err: Error) => {
        deps.log.warn({ err, request: r.id }, "could not mail a reader's request");
        await markMailed(deps.db, r.id, err.message.slice(0, 500));
      },
    )
    .catch((err) => deps.log.error({ err }, 'could not note the mail outcome'));
}

/** A reply from staff to the reader who wrote the request: from MAIL_FROM, answers going to the staff desk. */
export function replyMail(deps: Deps, to: { name: string; email: string }, subject: string, text: string) {
  const desk = deps.config.STAFF_NOTIFY;
  return {
    from: deps.config.MAIL_FROM,
    to: { name: to.name, address: to.email },
    ...(desk.length > 0 ? { replyTo: desk } : {}),
    subject,
    text,
  };
}

/** Mails a staff reply and says how it went: null when the server took it, else the reason (never throws). */
export async function sendReply(
  deps: Deps,
  to: { name: string; email: string },
  subject: string,
  text: string,
): Promise<string | null> {
  if (!deps.config.SMTP_URL) return 'no mail server is configured (SMTP_URL is not set)';
  try {
    await (await transport(deps.config.SMTP_URL)).sendMail(replyMail(deps, to, subject, text));
    return null;
  } catch (err) {
    deps.log.warn({ err }, 'could not mail a reply to a reader');
    return (err as Error).message.slice(0, 500) || 'the mail server refused the mail';
  }
}
