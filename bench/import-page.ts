// The generated page of `npm run bench:import`.

const WORDS = (
  'labour migration remittances border health return reintegration trafficking women children youth rights policy survey ' +
  'seasonal workers households climate mobility diaspora skills employment protection assessment regional national rural urban ' +
  'education families legal aid counselling integration'
).split(' ');
const LANGS = ['English', 'Russian', 'Kazakh', 'Kyrgyz'];

/** A deterministic page of about `bytes` bytes: cards with fields, one-line list items, citations, Russian cards. */
export function generatedPage(bytes: number): string {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const title = (i: number): string => {
    const w = Array.from({ length: 4 + rnd(5) }, () => WORDS[rnd(WORDS.length)]!);
    return `${w[0]![0]!.toUpperCase()}${w[0]!.slice(1)} ${w.slice(1).join(' ')} ${i}`;
  };
  const out: string[] = ['Publications', ''];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const year = 2000 + rnd(25);
    let block: string;
    switch (i % 4) {
      case 0:
        block =
          `${title(i)}\n\nThis report looks at ${WORDS[rnd(WORDS.length)]} and ${WORDS[rnd(WORDS.length)]} in Kazakhstan and Kyrgyzstan. ` +
          `It was prepared with the e ort of partner organisations and identi es the main bene ts of seasonal work.\n\n` +
          `Number of pages: ${10 + rnd(200)}\nFormat: PDF\nPublication language: ${LANGS[rnd(4)]}, ${LANGS[rnd(4)]}\nYear of publication: ${year}\n\nDOWNLOAD\n\n`;
        break;
      case 1:
        block = `${title(i)} (${year})\n${title(i + 0.5)} – March ${year}\n\n`;
        break;
      case 2:
        block = `Sultanova, A. (${year}). ${title(i)}. Almaty: IOM.\n\n`;
        break;
      default:
        block =
          `Обзор миграции и занятости ${i}\n\nВ докладе рассматриваются вопросы трудовой миграции в Центральной Азии.\n\n` +
          `Количество страниц: ${10 + rnd(90)}\nЯзык: русский\nГод издания: ${year}\n\nСкачать\n\n`;
    }
    out.push(block);
    size += Buffer.byteLength(block);
  }
  return out.join('\n');
}
