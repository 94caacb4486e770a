// The import table's form, read: which button, which page, and for each row shown its tick and fields.
import { z } from 'zod';
import { EDITABLE, type Editable } from './rows.ts';

type Body = Record<string, string | File | Array<string | File>>;

export interface TableForm {
  action: 'preview' | 'merge' | 'import';
  page: number;
  goto: number | null;
  merge: { from: number; into: number } | null;
  rows: Map<number, { include: boolean; values: Partial<Record<Editable, string>> }>;
}

const int = z.coerce.number().int().min(1).max(1_000_000);
const text = (v: Body[string] | undefined): string | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'string' ? x : undefined;
};

/** Reads the form; the rows are only those it says it showed, so rows on other pages keep their state. */
export function readTableForm(body: Body): TableForm {
  const action = z.enum(['preview', 'merge', 'import']).catch('preview').parse(text(body.action));
  const page = int.catch(1).parse(text(body.page));
  const goto = int
    .nullable()
    .catch(null)
    .parse(text(body.goto) ?? null);
  const from = int.safeParse(text(body.merge_from));
  const into = int.safeParse(text(body.merge_into));
  const rows: TableForm['rows'] = new Map();
  for (const s of (text(body.shown) ?? '').split(',')) {
    const n = int.safeParse(s);
    if (!n.success) continue;
    const values: Partial<Record<Editable, string>> = {};
    for (const f of EDITABLE) {
      const v = text(body[`r${n.data}.${f}`]);
      if (v !== undefined) values[f] = v;
    }
    rows.set(n.data, { include: text(body[`r${n.data}.include`]) === '1', values });
  }
  return {
    action,
    page,
    goto,
    merge: from.success && into.success ? { from: from.data, into: into.data } : null,
    rows,
  };
}
