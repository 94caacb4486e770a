// The readers' "Views: N · Downloads: N" line of an item page, when the site shows it (STATS_ON_ITEM_PAGES).
// It is part of the cached page, so it lags the counts by the page cache's minute and the rollup's five.
import { usageOfPublication } from '../../store/stats-reports.ts';
import type { Ctx } from '../../http/context.ts';

/** The line for this publication, or null when the site does not show it. */
export async function usageLine(c: Ctx, publicationId: number) {
  if (!c.var.deps.config.STATS_ON_ITEM_PAGES) return null;
  const u = await usageOfPublication(c.var.deps.db, publicationId);
  const { tr } = c.var;
  return (
    <p class="usage">{tr.t('item.usage', { views: tr.number(u.investigations), downloads: tr.number(u.requests) })}</p>
  );
}
