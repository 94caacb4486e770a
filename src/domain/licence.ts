// Licences a publication or a file may carry (issue 18): SPDX identifiers, as DSpace, Zenodo and the OAI and
// schema.org records expect them, and "all rights reserved" with the holder. No I/O.

/** SPDX id → its canonical address. IGO versions are the ones intergovernmental organisations publish under. */
export const LICENCES = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'CC-BY-3.0-IGO': 'https://creativecommons.org/licenses/by/3.0/igo/',
  'CC-BY-NC-SA-3.0-IGO': 'https://creativecommons.org/licenses/by-nc-sa/3.0/igo/',
  'CC-BY-NC-ND-3.0-IGO': 'https://creativecommons.org/licenses/by-nc-nd/3.0/igo/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
} as const;

export const ALL_RIGHTS_RESERVED = 'all-rights-reserved';
export const LICENCE_IDS: [string, ...string[]] = [ALL_RIGHTS_RESERVED, ...Object.keys(LICENCES)];

/** What a licence says, for pages and records: its SPDX id or null, its address or null, and the holder. */
export interface Rights {
  licence: string;
  spdx: string | null;
  url: string | null;
  holder: string | null;
}

/** The rights of a record from its stored values; null when no licence is stated. */
export function rightsOf(licence: string | null | undefined, holder: string | null | undefined): Rights | null {
  if (!licence) return null;
  const url = (LICENCES as Record<string, string>)[licence] ?? null;
  return { licence, spdx: url ? licence : null, url, holder: holder || null };
}

/** One line for dc:rights and the like: "CC-BY-4.0 https://…" or "All rights reserved: © Holder". */
export function rightsStatement(r: Rights): string {
  const holder = r.holder ? ` © ${r.holder}` : '';
  return r.url ? `${r.licence} ${r.url}${holder}` : `All rights reserved.${holder}`;
}
