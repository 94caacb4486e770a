// POST /admin/import — reads the pasted text or the uploaded file, proposes records, and keeps them for the
// staff member as a batch: 303 to its table; a source with nothing to import is the form again (422), nothing kept.
import type { MessageKey } from '../../i18n/i18n.ts';
import { canCreatePublication } from '../../policies.ts';
import { pageMeta } from '../../http/context.ts';
import { createImportBatch } from '../../store/import-batches.ts';
import { href } from '../../views/href.ts';
import { actorOf, allow, appCtx, type StaffCtx } from '../guard.ts';
import { markExisting } from '../import/existing.ts';
import { stageResult } from '../import/rows.ts';
import { ImportProblem, proposeFromText, proposeFromUpload, type Proposal } from '../import/source.ts';
import { ImportStartPage } from '../views/import.tsx';

export async function importPreview(c: StaffCtx) {
  const actor = actorOf(c);
  allow(canCreatePublication(actor));
  const body = await c.req.parseBody();
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const text = typeof body.text === 'string' ? body.text : '';
  const source = (typeof body.source === 'string' ? body.source : '').trim().slice(0, 300);
  let proposal: Proposal;
  try {
    proposal = file
      ? await proposeFromUpload(file.name, Buffer.from(await file.arrayBuffer()))
      : await proposeFromText(text);
  } catch (err) {
    if (!(err instanceof ImportProblem)) throw err;
    return c.html(
      <ImportStartPage
        meta={pageMeta(appCtx(c))}
        session={c.var.session}
        problem={`import.problem.${err.problem}` as MessageKey}
        detail={err.detail}
        text={file ? '' : text}
        source={source}
      />,
      422,
    );
  }
  const { rows, report } = stageResult(proposal.result);
  await markExisting(c.var.deps.db, rows, true);
  const id = await createImportBatch(c.var.deps.db, {
    userId: actor.id,
    sourceName: source || file?.name || c.var.tr.t('import.pasted'),
    notice: proposal.notice,
    rows,
    report,
  });
  return c.redirect(href(c.var.tr.lang, `/admin/import/${id}`), 303);
}
