// How it looks: screenshots of the demo page at desktop (1280 px) and phone (390 px) widths,
// light and dark, in every state a visitor meets, saved in tests/e2e/artifacts/ for a person to
// look at. Also checks what can be checked mechanically: no sideways scrolling, the dark
// scheme really differs, and the dialog fills a phone screen.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, eventually, screenshot } from './harness.mjs';
import { HELP, TYPE_DELAY, makeSite, inline, searchBox, openWidget, type, cards, ready } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  s.page('quick.html', s.demoHtml().replace('data-url-sync', 'data-url-sync data-settle-delay="100"'));
  s.page('zh.html', s.demoHtml().replace('<html lang="en">', '<html lang="zh-CN">'));
});

after(async () => {
  await s?.close();
});

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

async function noSidewaysScroll(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= width, `no horizontal scrolling at ${width}px (page is ${overflow}px wide)`);
}

for (const [name, options] of Object.entries(VIEWPORTS)) {
  test(`screenshots, ${name}: results, recent searches, no results, the dialog; light and dark`, async () => {
    const colours = {};
    // Light and dark side by side: two independent contexts.
    await Promise.all(
      ['light', 'dark'].map(async (colorScheme) => {
        const page = await openWidget(s, `${HELP}quick.html`, { ...options, colorScheme });
        const w = inline(page);
        const width = options.viewport.width;

        await type(w, 'withdrawal fee');
        await eventually(async () => assert.ok((await cards(w)).length >= 3));
        await searchBox(w).press('ArrowDown');
        await searchBox(w).press('ArrowDown');
        await page.waitForTimeout(300);
        colours[colorScheme] = await searchBox(w).evaluate((el) => {
          const title = el.closest('.fqs-root').querySelector('.fqs-result-title');
          return [getComputedStyle(el).backgroundColor, getComputedStyle(title).color].join(' / ');
        });
        await noSidewaysScroll(page, width);
        await screenshot(page, `search-${name}-${colorScheme}`);

        // The empty box offers the recent searches above the most viewed articles.
        await type(w, 'deposit');
        await page.waitForTimeout(250);
        await searchBox(w).fill('');
        await eventually(async () => assert.ok((await w.locator('.fqs-recent-query').count()) >= 2));
        await noSidewaysScroll(page, width);
        await screenshot(page, `empty-${name}-${colorScheme}`);

        await type(w, 'fxe ');
        await eventually(async () => assert.equal(await w.locator('.fqs-suggestion').count(), 1));
        await noSidewaysScroll(page, width);
        await screenshot(page, `no-results-${name}-${colorScheme}`);

        await searchBox(w).fill('');
        const modal = page.locator('faq-search .fqs-root');
        await modal.getByRole('button', { name: /search/i }).click();
        await page.keyboard.type('2fa', { delay: TYPE_DELAY });
        await eventually(async () => assert.ok((await cards(modal)).length > 0));
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(200);
        if (name === 'phone') {
          const panel = await modal.locator('.fqs-dialog-panel').boundingBox();
          assert.ok(panel.width >= width - 1 && panel.height >= options.viewport.height - 1, `the dialog fills the phone screen: ${JSON.stringify(panel)}`);
        }
        await screenshot(page, `dialog-${name}-${colorScheme}`);
        await assertNoErrors(page);
      }),
    );
    assert.notEqual(colours.dark, colours.light, `${name}: the widget follows the dark colour scheme`);
  });
}

test('phone: every category tab can be reached; the tab row fades where it is cut and keeps the selected tab in view', async () => {
  const page = await openWidget(s, HELP, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const w = inline(page);
  const row = w.locator('[role=tablist]');
  const inView = () =>
    row.evaluate((list) => {
      const box = list.getBoundingClientRect();
      const tab = list.querySelector('[aria-selected=true]').getBoundingClientRect();
      // The last 32 px of the row are faded.
      return tab.left >= box.left - 0.5 && tab.right <= box.right - 32 + 0.5;
    });
  assert.ok(await row.evaluate((list) => list.scrollWidth > list.clientWidth), 'the demo categories do not fit in one row at 375 px');
  assert.notEqual(await row.evaluate((list) => getComputedStyle(list).maskImage), 'none', 'the cut edge fades');
  const names = await w.getByRole('tab').allInnerTexts();

  // A link to the last category shows its tab.
  const last = names.at(-1).replace(/\s*\d+$/, '').trim();
  await page.goto(s.url(`${HELP}?category=${encodeURIComponent(last)}`));
  await ready(w);
  await eventually(async () => assert.equal(await w.locator('[role=tab][aria-selected=true]').innerText().then((t) => t.replace(/\s*\d+$/, '').trim()), last));
  await eventually(async () => assert.ok(await inView(), 'the selected tab is in view'));

  // Every tab, chosen in turn from the keyboard, is in view.
  await w.locator('[role=tab][aria-selected=true]').focus();
  for (let i = 0; i < names.length; i++) {
    await page.keyboard.press('ArrowRight');
    await eventually(async () => assert.ok(await inView(), `tab ${i} is in view`));
  }
  await screenshot(page, 'tabs-phone-light');
  await assertNoErrors(page);
});

test('screenshot: the widget in Chinese, from the page language', async () => {
  const page = await openWidget(s, `${HELP}zh.html`, VIEWPORTS.desktop);
  const w = inline(page);
  await type(w, '2fa');
  await page.waitForTimeout(300);
  assert.equal(await w.getAttribute('lang'), 'zh-CN');
  await screenshot(page, 'search-desktop-zh-CN');
  await assertNoErrors(page);
});
