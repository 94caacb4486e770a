// Sample PDFs for a few demo publications — in English, Russian and Kazakh — so that downloads, covers and
// full-text search can be tried on a fresh start. Drawn at load time (nothing binary in the repository),
// each page stamped as a sample: they are not the real publications.
import { createRequire } from 'node:module';
import path from 'node:path';

export interface SamplePdf {
  slug: string;
  language: 'en' | 'ru' | 'kk';
  fileName: string;
  title: string;
  pages: string[][];
}

// DejaVu Sans covers Latin and Cyrillic, Kazakh letters included; it comes from npm, not from the system.
const FONT = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);
let fontRegistered = false;

export const SAMPLES: SamplePdf[] = [
  {
    slug: 'migrants-right-to-health-central-asia-2017',
    language: 'en',
    fileName: 'sample-migrants-right-to-health.pdf',
    title: 'Migrants’ Right to Health in Central Asia',
    pages: [
      [
        'SAMPLE FILE — not the real publication',
        '',
        'Migrants’ Right to Health in Central Asia',
        'Challenges and Opportunities',
        '',
        'This sample stands in for the report in the demo catalogue.',
        'It lets you try downloads, covers and full-text search.',
      ],
      [
        '1. Access to health services',
        '',
        'Labour migrants often cannot use public clinics in the country',
        'where they work: insurance rules, cost and language keep them out.',
        'Tuberculosis and HIV programmes reach few of them.',
      ],
      [
        '2. Recommendations',
        '',
        'Governments could extend primary care to migrant workers,',
        'share patient records across borders, and train health staff',
        'to work with interpreters.',
      ],
    ],
  },
  {
    slug: 'handbook-migration-terminology-2011',
    language: 'ru',
    fileName: 'obrazets-spravochnik-terminologii.pdf',
    title: 'Справочник по миграционной терминологии',
    pages: [
      [
        'ОБРАЗЕЦ — не настоящая публикация',
        '',
        'Справочник по миграционной терминологии',
        '',
        'Этот образец заменяет справочник в демонстрационном каталоге:',
        'на нём можно проверить скачивание, обложки и полнотекстовый поиск.',
      ],
      [
        'Трудовая миграция',
        '',
        'Перемещение людей из одной страны в другую с целью',
        'трудоустройства. Трудовые мигранты из Кыргызстана и Таджикистана',
        'работают в Казахстане и в Российской Федерации.',
      ],
      [
        'Торговля людьми',
        '',
        'Вербовка, перевозка или укрывательство людей путём угрозы,',
        'силы или обмана с целью эксплуатации.',
        'Жертвам торговли людьми положена защита и помощь.',
      ],
    ],
  },
  {
    slug: 'special-report-trafficking-human-rights-kazakhstan-2015',
    language: 'kk',
    fileName: 'ulgi-adam-saudasy-bayandama.pdf',
    title: 'Адам саудасына қарсы күрестегі адам құқықтары туралы арнайы баяндама',
    pages: [
      [
        'ҮЛГІ — бұл нақты жарияланым емес',
        '',
        'Адам саудасына қарсы күрес саласындағы',
        'адам құқықтарын қорғау туралы арнайы баяндама',
        '',
        'Бұл үлгі демонстрациялық каталогта баяндаманың орнына тұр.',
      ],
      [
        'Еңбек көші-қоны',
        '',
        'Қазақстанға Қырғызстаннан және Тәжікстаннан көптеген',
        'еңбек мигранттары келеді. Олардың құқықтарын қорғау маңызды.',
      ],
      [
        'Адам саудасы',
        '',
        'Адам саудасының құрбандарына көмек көрсету және',
        'қылмыскерлерді жауапқа тарту туралы ұсыныстар.',
      ],
    ],
  },
];

/** Draws a sample as a PDF (A5 pages, the sample mark on every page). */
export async function samplePdf(sample: SamplePdf): Promise<Buffer> {
  // Loaded here, by the demo's first start only: the canvas library's native code is some 20 MB of memory.
  const { GlobalFonts, PDFDocument } = await import('@napi-rs/canvas');
  if (!fontRegistered) {
    GlobalFonts.registerFromPath(FONT, 'DejaVu Sans');
    fontRegistered = true;
  }
  const doc = new PDFDocument({ title: `${sample.title} (sample)`, author: 'Kitap demo', creator: 'Kitap' });
  for (const [i, lines] of sample.pages.entries()) {
    const ctx = doc.beginPage(420, 595);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 420, 595);
    ctx.fillStyle = '#1b1f24';
    lines.forEach((line, n) => {
      ctx.font = n === 0 && i === 0 ? 'bold 15px "DejaVu Sans"' : '11px "DejaVu Sans"';
      ctx.fillText(line, 36, 60 + n * 20);
    });
    ctx.fillStyle = '#a33';
    ctx.font = '9px "DejaVu Sans"';
    ctx.fillText(sample.pages[0]![0]!, 36, 570);
    doc.endPage();
  }
  return doc.close();
}
