import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCodeLine, pageLanguages, proseOf } from './page-language.ts';

const RU_PROSE = `Для установки программы откройте терминал и выполните команды, приведённые ниже. Сначала обновите список
пакетов, затем установите зависимости. Если установка прошла успешно, программа выведет номер версии и завершит работу.
Настройки хранятся в файле конфигурации, который создаётся при первом запуске.`;
const CODE = `import fs from 'node:fs';
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
function start(port) {
  return server.listen(port, () => console.log('listening on', port));
}
if (config.debug) { enableLogging(config.level); }
$ npm install --save express body-parser
export default { start, stopServer, readConfig, writeConfig };`;
const EN_PROSE = `The survey was carried out in three regions over two years. Households were asked about the members who work
abroad, the money they send home and how it is spent. Most families use it for food, schooling and repairs to the house.`;

test('code lines are told from prose lines, in either script', () => {
  for (const line of CODE.split('\n')) assert.ok(isCodeLine(line), line);
  for (const line of [...RU_PROSE.split('\n'), ...EN_PROSE.split('\n')]) assert.ok(!isCodeLine(line), line);
  assert.equal(proseOf(`${RU_PROSE}\n${CODE}`).trim(), RU_PROSE.trim());
});

test('each page gets its own language; code does not vote, and the file is what most of its prose is', () => {
  // A Russian manual: pages of Russian prose around English code samples, one page of code alone, one English annex.
  const pages = [
    RU_PROSE,
    `${CODE}\n${CODE}\n${RU_PROSE}\n${CODE}`,
    `${CODE}\n${CODE}\n${CODE}`,
    EN_PROSE,
    'Стр. 5',
    RU_PROSE,
  ];
  const { pages: langs, file } = pageLanguages(pages);
  assert.deepEqual(langs, ['ru', 'ru', null, 'en', null, 'ru']);
  assert.equal(file, 'ru', 'a manual with English code samples is Russian');
  assert.deepEqual(
    pageLanguages([CODE, CODE, CODE]),
    { pages: [null, null, null], file: null },
    'code alone decides nothing',
  );
});
