// The reader's country, the only location kept: from an IP-to-country table when one is installed
// (see src/stats/geo.ts), else unknown (null).
export let countryOf: (address: string) => string | null = () => null;

/** Sets the lookup (called once at start when a table is available). */
export function setCountryLookup(lookup: (address: string) => string | null): void {
  countryOf = lookup;
}
