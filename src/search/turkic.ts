// Kazakh and Kyrgyz suffix stripping: PostgreSQL has no stemmer for them, so Kitap strips the
// inflection a noun takes in titles and queries (case, then possessive or accusative, then plural)
// and keeps derivation (-лық, -шы…) so that meanings stay apart. The rules are data; the same
// algorithm runs in SQL (turkicStemSql, pasted into a migration) and a test keeps the two equal.

export type TurkicLang = 'kk' | 'ky';

/**
 * A suffix and when it may go: after a vowel (v), a consonant (c), a close vowel ы/і (h, the
 * possessive before -на, -нда, -н), or not after с (s: keeps the -стан of country names).
 * The stem left must have `min` letters, counting from the start of the word.
 */
export interface SuffixRule {
  suffix: string;
  when: '' | 'v' | 'c' | 'h' | 's';
  min: number;
}

interface TurkicRules {
  vowels: string;
  /** The close vowels after which -н, -на, -нда follow a possessive. */
  close: string;
  /** Case suffixes, then possessive and accusative, then plural: one of each at most, longest first. */
  groups: [SuffixRule[], SuffixRule[], SuffixRule[]];
  /** Consonants that soften between vowels (құқық → құқығы) and harden back when the vowel goes. */
  harden: Record<string, string>;
  stopwords: string[];
}

const rules = (spec: string, when: SuffixRule['when'], min: number): SuffixRule[] =>
  spec.split(' ').map((suffix) => ({ suffix, when, min }));

export const TURKIC: Record<TurkicLang, TurkicRules> = {
  kk: {
    vowels: 'аәеёиоөуұүыіэюя',
    close: 'ыі',
    groups: [
      [
        ...rules('ның нің дың дің тың тің', '', 4), // genitive
        ...rules('ға ге қа ке', '', 4),
        ...rules('на не', 'h', 4), // dative
        ...rules('да де та те', '', 4),
        ...rules('нда нде', 'h', 4), // locative
        ...rules('дан ден нан нен', '', 4),
        ...rules('тан тен', 's', 4), // ablative
        ...rules('мен бен пен менен бенен пенен', '', 4), // instrumental
        ...rules('дағы дегі тағы тегі', '', 4),
        ...rules('ндағы ндегі', 'h', 4), // "in …": Азиядағы
        ...rules('н', 'h', 4), // accusative after a possessive: құқығын
      ],
      [
        ...rules('ны ні', 'v', 3),
        ...rules('ды ді ты ті', 'c', 3), // accusative
        ...rules('сы сі', 'v', 3),
        ...rules('ы і', 'c', 3), // possessive, third person
      ],
      rules('лар лер дар дер тар тер', '', 3),
    ],
    harden: { ғ: 'қ', г: 'к', б: 'п' },
    stopwords: [
      'және',
      'мен',
      'бен',
      'пен',
      'үшін',
      'бойынша',
      'туралы',
      'жөнінде',
      'жөніндегі',
      'немесе',
      'бұл',
      'осы',
      'да',
      'де',
      'та',
      'те',
      'әр',
    ],
  },
  ky: {
    vowels: 'аеёиоөуүыэюя',
    close: 'ыиуү',
    groups: [
      [
        ...rules('нын нин нун нүн дын дин дун дүн тын тин тун түн', '', 4),
        ...rules('га ге го гө ка ке ко кө', '', 4),
        ...rules('на не но нө', 'h', 4),
        ...rules('да де до дө та те то тө', '', 4),
        ...rules('нда нде ндо ндө', 'h', 4),
        ...rules('дан ден дон дөн нан нен нон нөн', '', 4),
        ...rules('тан тен тон төн', 's', 4),
        ...rules('менен', '', 4),
        ...rules('дагы деги догу дөгү тагы теги тогу төгү', '', 4),
        ...rules('ндагы ндеги ндогу ндөгү', 'h', 4),
        ...rules('н', 'h', 4),
      ],
      [
        ...rules('ны ни ну нү', 'v', 3),
        ...rules('ды ди ду дү ты ти ту тү', 'c', 3),
        ...rules('сы си су сү', 'v', 3),
        ...rules('ы и у ү', 'c', 3),
      ],
      rules('лар лер лор лөр дар дер дор дөр тар тер тор төр', '', 3),
    ],
    harden: { г: 'к', б: 'п' },
    stopwords: ['жана', 'менен', 'үчүн', 'боюнча', 'тууралуу', 'жөнүндө', 'же', 'бул', 'да', 'де', 'дагы'],
  },
};

const MAX_SUFFIX = 6;

/** The stem of one lowercase word; '' for a stopword. Words of other scripts come back unchanged. */
export function stemTurkic(word: string, lang: TurkicLang): string {
  const r = TURKIC[lang];
  let w = word.toLowerCase();
  if (r.stopwords.includes(w)) return '';
  let vowelGone = false;
  for (const group of r.groups) {
    for (let len = Math.min(MAX_SUFFIX, w.length - 1); len >= 1; len--) {
      const rule = group.find((g) => g.suffix === w.slice(-len));
      if (!rule) continue;
      const stem = w.slice(0, -len);
      if (!allowed(stem, rule, r)) continue;
      w = stem;
      vowelGone = r.vowels.includes(rule.suffix[0]!);
      break;
    }
  }
  const last = w.slice(-1);
  return vowelGone && r.harden[last] ? w.slice(0, -1) + r.harden[last] : w;
}

function allowed(stem: string, rule: SuffixRule, r: TurkicRules): boolean {
  if (stem.length < rule.min || ![...stem].some((ch) => r.vowels.includes(ch))) return false;
  const last = stem.slice(-1);
  switch (rule.when) {
    case 'v':
      return r.vowels.includes(last);
    case 'c':
      return !r.vowels.includes(last);
    case 'h':
      return r.close.includes(last);
    case 's':
      return last !== 'с';
    default:
      return true;
  }
}

/** Text with every word replaced by its stem, words joined by spaces (hyphens split words): what is indexed. */
export function stemTurkicText(text: string, lang: TurkicLang): string {
  return (text.toLowerCase().match(/[0-9a-z\u0400-\u04ff]+/g) ?? [])
    .map((w) => stemTurkic(w, lang))
    .filter(Boolean)
    .join(' ');
}

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/**
 * The SQL twin of stemTurkic and stemTurkicText, generated from the same rules. A migration holds
 * its output; turkic.test.ts fails when the rules change and no new migration carries them.
 */
export function turkicStemSql(): string {
  const branch = (lang: TurkicLang) => {
    const r = TURKIC[lang];
    const arrays = r.groups
      .map(
        (g, i) =>
          `    s${i + 1} := ${sqlArray(g.map((x) => x.suffix))}; c${i + 1} := ${sqlArray(g.map((x) => `${x.when || '-'}${x.min}`))};`,
      )
      .join('\n');
    return `    if w = any(${sqlArray(r.stopwords)}) then return ''; end if;
    vowels := '${r.vowels}'; close := '${r.close}';
${arrays}
    hard_from := '${Object.keys(r.harden).join('')}'; hard_to := '${Object.values(r.harden).join('')}';`;
  };
  return `create or replace function kitap_turkic_stem(word text, lang text) returns text
language plpgsql immutable strict parallel safe as $$
declare
  w text := lower(word);
  vowels text; close text; hard_from text; hard_to text;
  s1 text[]; s2 text[]; s3 text[]; c1 text[]; c2 text[]; c3 text[];
  suffixes text[]; conds text[]; g int; len int; i int; stem text; cond text; last text; vowel_gone boolean := false;
begin
  if lang = 'kk' then
${branch('kk')}
  elsif lang = 'ky' then
${branch('ky')}
  else
    return w;
  end if;
  for g in 1..3 loop
    suffixes := case g when 1 then s1 when 2 then s2 else s3 end;
    conds := case g when 1 then c1 when 2 then c2 else c3 end;
    for len in reverse least(${MAX_SUFFIX}, length(w) - 1)..1 loop
      i := array_position(suffixes, right(w, len));
      continue when i is null;
      stem := left(w, length(w) - len);
      cond := conds[i];
      last := right(stem, 1);
      continue when length(stem) < substr(cond, 2)::int or stem !~ ('[' || vowels || ']');
      continue when (left(cond, 1) = 'v' and strpos(vowels, last) = 0) or (left(cond, 1) = 'c' and strpos(vowels, last) > 0)
        or (left(cond, 1) = 'h' and strpos(close, last) = 0) or (left(cond, 1) = 's' and last = 'с');
      w := stem;
      vowel_gone := strpos(vowels, left(suffixes[i], 1)) > 0;
      exit;
    end loop;
  end loop;
  last := right(w, 1);
  if vowel_gone and last <> '' and strpos(hard_from, last) > 0 then
    w := left(w, length(w) - 1) || substr(hard_to, strpos(hard_from, last), 1);
  end if;
  return w;
end $$;

create or replace function kitap_turkic_text(txt text, lang text) returns text
language sql immutable strict parallel safe as $$
  select coalesce(string_agg(s, ' ' order by n), '')
  from regexp_matches(lower(txt), '[0-9a-z\\u0400-\\u04ff]+', 'g') with ordinality as m(word, n),
       kitap_turkic_stem(m.word[1], lang) as s
  where s <> ''
$$;`;
}
