// OAI-PMH 2.0 request arguments: which verb, which arguments it allows, and the protocol's errors for
// everything else (spec §3.6). Pure: the caller turns a result into a response.

export const VERBS = [
  'Identify',
  'ListMetadataFormats',
  'ListSets',
  'ListIdentifiers',
  'ListRecords',
  'GetRecord',
] as const;
export type Verb = (typeof VERBS)[number];

/** The error codes of spec §3.6. */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A from/until argument: the instant it names and the granularity it was written in. */
export interface OaiDate {
  raw: string;
  at: Date;
  granularity: 'day' | 'second';
}

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets'; resumptionToken?: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; resumptionToken: string }
  | {
      verb: 'ListIdentifiers' | 'ListRecords';
      resumptionToken?: undefined;
      metadataPrefix: string;
      from?: OaiDate;
      until?: OaiDate;
      set?: string;
    }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string };

interface Shape {
  required: string[];
  optional: string[];
  exclusive?: string;
}
const SHAPES: Record<Verb, Shape> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

// The value syntaxes of OAI-PMH.xsd (metadataPrefixType, setSpecType) and of RFC 3986 for identifiers.
const PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]+$/;

export function isValidIdentifierSyntax(s: string): boolean {
  return URI.test(s);
}

/** A from/until value at day or second granularity (spec §3.3), or null when it is neither or not a real date. */
export function parseOaiDate(raw: string): OaiDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
  // Date.UTC rolls 2024-02-30 over to March: a date that does not survive the round trip is not real.
  const back = [
    at.getUTCFullYear(),
    at.getUTCMonth() + 1,
    at.getUTCDate(),
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
  ];
  if (back.join() !== [y, mo, d, h, mi, s].map(Number).join()) return null;
  return { raw, at, granularity: m[4] === undefined ? 'day' : 'second' };
}

export type ParsedArgs =
  | { ok: true; request: OaiRequest; echo: Record<string, string> }
  | { ok: false; error: OaiError };

/** Checks the arguments of one request (name/value pairs in order, repeats kept) against its verb. */
export function parseOaiArgs(pairs: Array<[string, string]>): ParsedArgs {
  const fail = (code: OaiErrorCode, message: string): ParsedArgs => ({ ok: false, error: new OaiError(code, message) });
  const verbs = pairs.filter(([k]) => k === 'verb').map(([, v]) => v);
  if (verbs.length === 0) return fail('badVerb', 'The verb argument is missing.');
  if (verbs.length > 1) return fail('badVerb', 'The verb argument is repeated.');
  const verb = verbs[0] as Verb;
  if (!VERBS.includes(verb)) return fail('badVerb', `"${verbs[0]}" is not an OAI-PMH verb.`);

  const args: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k === 'verb') continue;
    if (k in args) return fail('badArgument', `The argument "${k}" is repeated.`);
    args[k] = v;
  }
  const shape = SHAPES[verb];
  const allowed = new Set([...shape.required, ...shape.optional, ...(shape.exclusive ? [shape.exclusive] : [])]);
  for (const k of Object.keys(args)) {
    if (!allowed.has(k)) return fail('badArgument', `The argument "${k}" is not allowed with ${verb}.`);
  }
  for (const [k, v] of Object.entries(args)) if (v === '') return fail('badArgument', `The argument "${k}" is empty.`);

  if (shape.exclusive && args[shape.exclusive] !== undefined) {
    if (Object.keys(args).length > 1)
      return fail('badArgument', `${shape.exclusive} is an exclusive argument: no other argument may accompany it.`);
    return {
      ok: true,
      request: { verb, resumptionToken: args[shape.exclusive]! } as OaiRequest,
      echo: { verb, ...args },
    };
  }
  for (const k of shape.required)
    if (args[k] === undefined) return fail('badArgument', `The argument "${k}" is required with ${verb}.`);
  if (args.metadataPrefix !== undefined && !PREFIX.test(args.metadataPrefix))
    return fail('badArgument', 'The metadataPrefix has characters a prefix cannot have.');
  if (args.set !== undefined && !SET_SPEC.test(args.set)) return fail('badArgument', 'The set is not a valid setSpec.');

  switch (verb) {
    case 'Identify':
      return { ok: true, request: { verb }, echo: { verb } };
    case 'ListSets':
      return { ok: true, request: { verb }, echo: { verb } };
    case 'ListMetadataFormats':
      return { ok: true, request: { verb, identifier: args.identifier }, echo: echoOf(verb, args) };
    case 'GetRecord':
      return {
        ok: true,
        request: { verb, identifier: args.identifier!, metadataPrefix: args.metadataPrefix! },
        echo: echoOf(verb, args),
      };
    default: {
      const from = args.from === undefined ? undefined : parseOaiDate(args.from);
      const until = args.until === undefined ? undefined : parseOaiDate(args.until);
      if (from === null)
        return fail('badArgument', 'from must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).');
      if (until === null)
        return fail('badArgument', 'until must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).');
      // §3.3.1: both bounds must have the same granularity, and from may not be later than until.
      if (from && until && from.granularity !== until.granularity)
        return fail('badArgument', 'from and until have different granularities.');
      if (from && until && from.at > until.at) return fail('badArgument', 'from is later than until.');
      return {
        ok: true,
        request: { verb, metadataPrefix: args.metadataPrefix!, from, until, set: args.set },
        echo: { verb, ...args },
      };
    }
  }
}

/** The arguments to echo in <request>: an identifier that is not a URI would make the response invalid, so it is left out. */
function echoOf(verb: Verb, args: Record<string, string>): Record<string, string> {
  const echo: Record<string, string> = { verb, ...args };
  if (echo.identifier !== undefined && !isValidIdentifierSyntax(echo.identifier)) delete echo.identifier;
  return echo;
}
