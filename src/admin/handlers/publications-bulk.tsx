// POST /admin/bulk — one action on the publications checked in the staff list (issue 18, item 5): publish,
// send to review, withdraw with a reason, add a topic or a project. Each record is decided on its own by
// src/policies.ts (an editor publishes; a contributor only moves drafts to review and edits unpublished
// records), changed through the one write path and recorded in its history. The answer says what was done,
// what was already so, and what was refused and why.
import { z } from 'zod';
import { publicationInput, type PublicationInput, type Status } from '../../domain/publication.ts';
import { changePublication } from '../../history/record.ts';
import { pageMeta } from '../../http/context.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { canChangeStatus, canEditPublication } from '../../policies.ts';
import { replacePublication } from '../../store/publications.ts';
import { publicationInputById } from '../../store/snapshots.ts';
import { projectRef, publicationsByIds, topicChoices } from '../../store/staff-lists.ts';
import { actorOf, appCtx, type StaffCtx } from '../guard.ts';
import { BULK_ACTIONS, BulkResultPage, type BulkOutcome } from '../views/bulk.tsx';

const MAX_IDS = 200;
const form = z.object({
  ids: z.array(z.coerce.number().int().positive()).max(MAX_IDS),
  action: z.enum(BULK_ACTIONS),
  topic: z.string().trim().max(120).default(''),
  project: z.string().trim().max(20).default(''),
  reason: z.string().trim().max(2000).default(''),
  back: z.string().max(2000).default(''),
});

const STATUS_OF: Partial<Record<(typeof BULK_ACTIONS)[number], Status>> = {
  publish: 'published',
  review: 'in_review',
  withdraw: 'withdrawn',
};

export async function publicationsBulk(c: StaffCtx) {
  const raw = await c.req.parseBody({ all: true });
  const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const parsed = form.safeParse({
    ids: list(raw.ids),
    action: single(raw.action),
    topic: single(raw.topic),
    project: single(raw.project),
    reason: single(raw.reason),
    back: single(raw.back),
  });
  const db = c.var.deps.db;
  const actor = actorOf(c);
  // Only a query string of our own list goes back: never another address.
  const back = parsed.success && parsed.data.back.startsWith('?') ? parsed.data.back : '';
  const page = (outcomes: BulkOutcome[], problem: MessageKey | null, gone = 0) =>
    c.html(
      <BulkResultPage
        meta={pageMeta(appCtx(c))}
        session={c.var.session}
        action={parsed.success ? parsed.data.action : null}
        outcomes={outcomes}
        problem={problem}
        back={back}
        gone={gone}
      />,
      problem ? 422 : 200,
    );
  if (!parsed.success) return page([], 'bulk.invalid');
  const f = parsed.data;
  if (!f.ids.length) return page([], 'bulk.none_checked');
  const to = STATUS_OF[f.action] ?? null;
  if (f.action === 'withdraw' && !f.reason) return page([], 'pubstatus.reason_required');
  let add: ((p: PublicationInput) => PublicationInput | null) | null = null;
  if (f.action === 'topic') {
    const topic = (await topicChoices(db)).find((x) => x.slug === f.topic);
    if (!topic) return page([], 'bulk.choose_topic');
    add = (p) => (p.topics.includes(topic.slug) ? null : { ...p, topics: [...p.topics, topic.slug] });
  }
  if (f.action === 'project') {
    const project = /^\d+$/.test(f.project) ? await projectRef(db, Number(f.project)) : null;
    if (!project) return page([], 'bulk.choose_project');
    add = (p) =>
      p.projects.some((x) => x.name === project.name) ? null : { ...p, projects: [...p.projects, project] };
  }
  // One reason, in the language its words are in (as the one input shape reads a plain string).
  const reason = publicationInput.shape.withdrawn_reason.parse(f.reason || null);
  const outcomes: BulkOutcome[] = [];
  const checked = [...new Set(f.ids)];
  const found = await publicationsByIds(db, checked);
  for (const pub of found) {
    const result = (outcome: BulkOutcome['outcome'], why: MessageKey | null = null) =>
      outcomes.push({ ...pub, status: outcome === 'done' && to ? to : pub.status, outcome, why });
    if (to) {
      if (pub.status === to) result('unchanged');
      else if (!canChangeStatus(actor, pub.status, to)) result('refused', 'bulk.why.role');
      else {
        await changePublication(db, pub.id, actor.id, 'status', async (t) => {
          const input = (await publicationInputById(t, pub.id))!;
          await replacePublication(t, pub.id, {
            ...input,
            status: to,
            withdrawn_reason: to === 'withdrawn' ? reason : null,
          });
        });
        result('done');
      }
      continue;
    }
    if (!canEditPublication(actor, pub.status)) {
      result('refused', 'bulk.why.role');
      continue;
    }
    const changed = add!((await publicationInputById(db, pub.id))!);
    if (!changed) result('unchanged');
    else {
      await changePublication(db, pub.id, actor.id, 'edited', (t) => replacePublication(t, pub.id, changed));
      result('done');
    }
  }
  return page(outcomes, null, checked.length - found.length);
}
