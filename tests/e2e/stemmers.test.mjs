// Stemmers downloaded by language. The widget's own module carries no Snowball stemmer: it
// fetches pkg/stem-<language>.wasm for the index a page searches. These tests build a small
// multilingual help center (English, German, Simplified Chinese, Japanese) with index-builder,
// and check that each page downloads only its language's stemmer, that words are stemmed as at
// index time (a form of a word that no article holds finds the article through its stem), that
// Chinese and Japanese pages search and mark without any stemmer, and that a stemmer that cannot
// be downloaded shows an error with Retry instead of silently wrong results.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, assertNoErrors, eventually } from './harness.mjs';
import { HELP, INDEX_BUILDER, makeSite, bareHtml, inline, ready, type, cards } from './site.mjs';

let s;

const ARTICLES = [
  {
    id: 'en-connect',
    locale: 'en',
    title: 'Wallet connections',
    body: 'Hardware wallet connections are checked each time you sign a transfer.',
  },
  {
    id: 'en-fees',
    locale: 'en',
    title: 'Trading fees',
    body: 'Maker and taker fees depend on your monthly volume.',
  },
  {
    id: 'de-zahlung',
    locale: 'de',
    title: 'Auszahlungen per Banküberweisung',
    body: 'Die Bearbeitung einer Auszahlung auf ein Bankkonto dauert ein bis drei Werktage.',
  },
  {
    id: 'de-konto',
    locale: 'de',
    title: 'Konto schließen',
    body: 'So schließen Sie Ihr Konto dauerhaft.',
  },
  {
    id: 'zh-withdraw',
    locale: 'zh-CN',
    title: '如何提现到银行卡',
    body: '提现到银行卡通常需要一到三个工作日。',
  },
  {
    id: 'ja-withdraw',
    locale: 'ja',
    title: '銀行口座への出金',
    body: '出金は通常一から三営業日で銀行口座に届きます。',
  },
].map((a, i) => ({
  ...a,
  url: `/help/${a.id}`,
  category: 'FAQ',
  published: '2025-01-0' + (i + 1),
  updated: '2025-06-0' + (i + 1),
  views: 100 * (i + 1),
}));

const element = (locale) => `<faq-search index="multi/" locale="${locale}"></faq-search><script src="faq-search.js" defer></script>`;
const widgetOf = (page) => inline(page, 'faq-search');

before(async () => {
  s = await makeSite();
  const corpus = path.join(s.tmp, 'multi.jsonl');
  fs.writeFileSync(corpus, ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  execFileSync(INDEX_BUILDER, ['build', '--index-only', corpus, '--out', path.join(s.help, 'multi'), '--quiet']);
  for (const locale of ['en', 'de', 'zh-CN', 'ja']) s.page(`multi-${locale}.html`, bareHtml(element(locale), { lang: locale }));
});

after(async () => {
  await s?.close();
});

/**
 * Types `query` into `w` and waits until the first result is the article `id`, with a mark
 * that `marked` accepts (when given).
 */
async function expectFirst(w, query, id, marked) {
  await type(w, query);
  await eventually(async () => {
    const all = await cards(w);
    assert.equal(all[0]?.href, `/help/${id}`, `"${query}": ${JSON.stringify(all.map((c) => c.title))}`);
    if (marked) assert.ok(all[0].marks.some(marked), `"${query}" marks: ${JSON.stringify(all[0].marks)}`);
  });
}

/** Opens `name`, recording which stemmer modules the page asks for. */
async function openRecording(name) {
  const page = await openPage(s.browser, undefined);
  const stemmers = [];
  page.on('request', (r) => {
    const m = /\/pkg\/stem-([a-z]+)\.wasm$/.exec(new URL(r.url()).pathname);
    if (m) stemmers.push(m[1]);
  });
  await page.goto(s.url(`${HELP}${name}`));
  return { page, stemmers };
}

test('the manifest names each index its stemmer, and only languages that have one', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(s.help, 'multi/faq-search.json'), 'utf8'));
  const byLocale = Object.fromEntries(manifest.indexes.map((e) => [e.locale, e.stemmer ?? null]));
  assert.deepEqual(byLocale, { de: 'german', en: 'english', ja: null, 'zh-CN': null });
  for (const language of ['english', 'german']) {
    assert.ok(fs.existsSync(path.join(s.help, `pkg/stem-${language}.wasm`)), `dist ships stem-${language}.wasm`);
  }
});

test('an English page downloads the English stemmer once, and stems a form no article holds', async () => {
  const { page, stemmers } = await openRecording('multi-en.html');
  const w = widgetOf(page);
  await ready(w);
  // "connecting" is in no article, and neither a prefix nor a near typo of "connections": only
  // its stem, "connect", reaches the article.
  await expectFirst(w, 'connecting', 'en-connect', (m) => /^connections$/i.test(m.text));
  assert.deepEqual(stemmers, ['english'], 'one stemmer, once');
  await assertNoErrors(page);
});

test('a German page stems German with the German stemmer, and asks for no other', async () => {
  const { page, stemmers } = await openRecording('multi-de.html');
  const w = widgetOf(page);
  await ready(w);
  await expectFirst(w, 'Auszahlung', 'de-zahlung', (m) => m.inTitle && /^Auszahlungen$/.test(m.text));
  // "bearbeitenden" is in no article, and neither a prefix nor a near typo of "Bearbeitung":
  // German stemming takes both to "bearbeit".
  await expectFirst(w, 'bearbeitenden', 'de-zahlung', (m) => /^Bearbeitung$/.test(m.text));
  assert.deepEqual(stemmers, ['german']);
  await assertNoErrors(page);
});

test('Chinese and Japanese pages search and mark their own text without any stemmer', async () => {
  for (const [name, query, id, marked] of [
    ['multi-zh-CN.html', '银行卡', 'zh-withdraw', '银行卡'],
    ['multi-ja.html', '出金', 'ja-withdraw', '出金'],
  ]) {
    const { page, stemmers } = await openRecording(name);
    const w = widgetOf(page);
    await ready(w);
    await expectFirst(w, query, id, (m) => m.text === marked);
    assert.deepEqual(stemmers, [], `${name} downloads no stemmer`);
    await assertNoErrors(page);
  }
});

test('a stemmer that cannot be downloaded shows an error with Retry, and Retry recovers', async () => {
  const file = path.join(s.help, 'pkg/stem-german.wasm');
  const away = `${file}.away`;
  fs.renameSync(file, away);
  let page;
  try {
    ({ page } = await openRecording('multi-de.html'));
    const w = widgetOf(page);
    const alert = w.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /german stemmer/i, text);
    assert.match(text, /404/, text);
    assert.match(text, /stem-german\.wasm/, text);
  } finally {
    fs.renameSync(away, file);
  }
  const w = widgetOf(page);
  // The page is German: "Erneut versuchen".
  await w.locator('button.fqs-retry').click();
  await ready(w);
  await expectFirst(w, 'Auszahlung', 'de-zahlung');
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});

test('JS API: loadIndex fetches the stemmer of the index it opens before it resolves', async () => {
  const page = await openPage(s.browser, undefined);
  s.page('multi-api.html', bareHtml('<script type="module">import { loadIndex } from "./faq-search-api.js"; window.loadIndex = loadIndex;</script>'));
  await page.goto(s.url(`${HELP}multi-api.html`));
  await page.waitForFunction(() => typeof window.loadIndex === 'function');
  const ids = await page.evaluate(async () => {
    const index = await window.loadIndex('multi/', { locale: 'de' });
    return index.search('Auszahlung').hits.map((h) => h.id);
  });
  assert.deepEqual(ids.slice(0, 1), ['de-zahlung']);
  await assertNoErrors(page);
});
