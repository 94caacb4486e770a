// A long PDF for the ingest benchmark, drawn at bench time like the demo's samples (@napi-rs/canvas,
// DejaVu Sans embedded): A4 pages of running prose in chapters of 25 pages, each chapter in English,
// Russian, Kazakh or Kyrgyz, with a running header and a page number, as a real report has.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts, PDFDocument } from '@napi-rs/canvas';
import { prng } from './synthetic.ts';
import { FORMS, PLACES, THEMES } from './vocabulary.ts';

const LANGUAGES = ['en', 'ru', 'kk', 'ky'] as const;
type Language = (typeof LANGUAGES)[number];
const CHAPTER_PAGES = 25;
const [WIDTH, HEIGHT, MARGIN] = [595, 842, 56];
const [BODY_SIZE, LEADING] = [10.5, 14.5];

const FONT = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);

// Kazakh and Kyrgyz sentences for the prose (the demo catalogue has English and Russian abstracts only).
const WRITTEN: Record<'kk' | 'ky', string[]> = {
  kk: [
    'Еңбек мигранттары отбасыларына ақша аударымдарын жібереді, бұл қаражат білім беруге, денсаулыққа және тұрғын үйге жұмсалады.',
    'Өңірлік бюро үкіметтерге көші-қонды басқаруда, шекараны нығайтуда және мигранттардың құқықтарын қорғауда көмек көрсетеді.',
    'Баяндамада Орталық Азиядағы еңбек көші-қонының негізгі үрдістері мен оның үй шаруашылықтарына әсері сипатталған.',
    'Мигранттардың құқықтарын қорғау және оларға заң көмегін көрсету мемлекеттік органдардың маңызды міндеті болып табылады.',
    'Зерттеу бес жүз үй шаруашылығына жүргізілген сауалнама мен жергілікті сарапшылармен өткізілген сұхбаттарға негізделген.',
    'Елге оралған мигранттар жұмыс табуда, құжаттарын қалпына келтіруде және балаларын мектепке орналастыруда қиындықтарға тап болады.',
    'Адам саудасының құрбандарына баспана, медициналық және психологиялық көмек, сондай-ақ заң кеңесі ұсынылады.',
    'Ұсыныстар заңнаманы жетілдіруге, мемлекетаралық ынтымақтастыққа және жергілікті қауымдастықтардың рөлін арттыруға бағытталған.',
  ],
  ky: [
    'Эмгек мигранттары үй-бүлөлөрүнө акча которуулар жөнөтүшөт, бул каражат билим берүүгө, ден соолукка жана турак жайга жумшалат.',
    'Аймактык бюро өкмөттөргө миграцияны башкарууда, чек араны чыңдоодо жана мигранттардын укуктарын коргоодо жардам көрсөтөт.',
    'Баяндамада Борбордук Азиядагы эмгек миграциясынын негизги тенденциялары жана анын үй чарбаларына тийгизген таасири сүрөттөлөт.',
    'Мигранттардын укуктарын коргоо жана аларга юридикалык жардам көрсөтүү мамлекеттик органдардын маанилүү милдети болуп саналат.',
    'Изилдөө беш жүз үй чарбасында жүргүзүлгөн сурамжылоого жана жергиликтүү адистер менен болгон маектерге негизделген.',
    'Мекенине кайткан мигранттар жумуш табууда, документтерин калыбына келтирүүдө жана балдарын мектепке жайгаштырууда кыйынчылыктарга туш болушат.',
    'Адам сатуунун курмандыктарына баш калкалоочу жай, медициналык жана психологиялык жардам, ошондой эле юридикалык кеңеш сунушталат.',
    'Сунуштар мыйзамдарды өркүндөтүүгө, мамлекеттер аралык кызматташтыкка жана жергиликтүү жамааттардын ролун күчөтүүгө багытталган.',
  ],
};

/** Sentences in each language: the demo catalogue's abstracts (en, ru), the lines above (kk, ky), and titles from the vocabulary. */
function sentences(): Record<Language, string[]> {
  const catalogue = JSON.parse(fs.readFileSync(new URL('../src/demo/catalogue.json', import.meta.url), 'utf8')) as {
    publications: Array<{ abstract: Partial<Record<string, string>> }>;
  };
  const split = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 20);
  const titles = (l: Language) =>
    THEMES.flatMap((t, i) =>
      PLACES.slice(0, 4).map((p, j) => `${t[l]}: ${p[l]} — ${FORMS[(i + j) % FORMS.length]![l]}.`),
    );
  return {
    en: [...catalogue.publications.flatMap((p) => split(p.abstract.en ?? '')), ...titles('en')],
    ru: [...catalogue.publications.flatMap((p) => split(p.abstract.ru ?? '')), ...titles('ru')],
    kk: [...WRITTEN.kk, ...titles('kk')],
    ky: [...WRITTEN.ky, ...titles('ky')],
  };
}

/** Words into lines that fit `width` at the context's current font (word widths measured once). */
function wrap(
  ctx: ReturnType<PDFDocument['beginPage']>,
  text: string,
  width: number,
  widths: Map<string, number>,
): string[] {
  const measure = (w: string) => widths.get(w) ?? widths.set(w, ctx.measureText(w).width).get(w)!;
  const space = measure(' ');
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (const word of text.split(' ')) {
    const w = measure(word);
    if (line.length > 0 && used + space + w > width) {
      lines.push(line.join(' '));
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? space : 0) + w;
    line.push(word);
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines;
}

/** A PDF of `pageCount` pages of multilingual prose; the same bytes for the same arguments. */
export function multilingualPdf(pageCount: number, seed = 1): Buffer {
  GlobalFonts.registerFromPath(FONT, 'DejaVu Sans');
  const pool = sentences();
  const r = prng(seed);
  const doc = new PDFDocument({
    title: 'Kitap ingest benchmark: migration in Central Asia',
    author: 'Kitap bench',
    creator: 'Kitap',
  });
  const widths = new Map<string, number>();
  const bodyLines = Math.floor((HEIGHT - 2 * MARGIN - 40) / LEADING);
  for (let n = 1; n <= pageCount; n++) {
    const chapter = Math.floor((n - 1) / CHAPTER_PAGES);
    const language = LANGUAGES[chapter % LANGUAGES.length]!;
    const ctx = doc.beginPage(WIDTH, HEIGHT);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.fillStyle = '#555555';
    ctx.font = '8px "DejaVu Sans"';
    ctx.fillText('Migration in Central Asia — Kitap ingest benchmark (generated text)', MARGIN, MARGIN - 20);
    ctx.fillText(String(n), WIDTH / 2, HEIGHT - MARGIN + 24);
    ctx.fillStyle = '#1b1f24';
    let y = MARGIN;
    let budget = bodyLines;
    if ((n - 1) % CHAPTER_PAGES === 0) {
      const theme = THEMES[chapter % THEMES.length]!;
      ctx.font = 'bold 16px "DejaVu Sans"';
      ctx.fillText(`${chapter + 1}. ${theme[language]}`, MARGIN, y + 10);
      y += 36;
      budget -= 3;
    }
    ctx.font = `${BODY_SIZE}px "DejaVu Sans"`;
    const lines: string[] = [];
    while (lines.length < budget) {
      // A paragraph of three to six sentences, then a blank line.
      const paragraph = Array.from(
        { length: 3 + Math.floor(r() * 4) },
        () => pool[language][Math.floor(r() * pool[language].length)]!,
      ).join(' ');
      lines.push(...wrap(ctx, paragraph, WIDTH - 2 * MARGIN, widths), '');
    }
    for (const line of lines.slice(0, budget)) {
      if (line) ctx.fillText(line, MARGIN, y + BODY_SIZE);
      y += LEADING;
    }
    doc.endPage();
  }
  return doc.close();
}
