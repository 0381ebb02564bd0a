// How it looks: screenshots of the demo page at desktop (1280 px) and phone (390 px) widths,
// light and dark, in every state a visitor meets (sub-results too), saved in
// tests/e2e/artifacts/ for a person to look at. Also checks what can be checked mechanically:
// no sideways scrolling, the dark scheme really differs, and the dialog fills a phone screen.

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

        // A long article's sub-results under it, the arrow keys on the first of them.
        await type(w, 'withdrawal whitelist');
        const sub = w.locator('a.fqs-sub').first();
        await eventually(async () => assert.ok((await w.locator('a.fqs-sub').count()) >= 2, 'sub-results are listed'));
        for (let i = 0; i < 12 && (await sub.getAttribute('aria-selected')) !== 'true'; i++) await searchBox(w).press('ArrowDown');
        assert.equal(await sub.getAttribute('aria-selected'), 'true', 'the arrow keys reach a sub-result');
        await page.waitForTimeout(300);
        // The whole article in the picture, not just the option the keyboard is on.
        await sub.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await noSidewaysScroll(page, width);
        await screenshot(page, `sub-results-${name}-${colorScheme}`);

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
      // An edge with tabs beyond it is faded over 32 px.
      const at = list.dataset.scroll;
      const left = at === 'middle' || at === 'end' ? 32 : 0;
      const right = at === 'start' || at === 'middle' ? 32 : 0;
      return tab.left >= box.left + left - 0.5 && tab.right <= box.right - right + 0.5;
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

/**
 * How faded each end of the tab row is: the colour of the row's bottom line at its very edge
 * against the same line 40 px in, as the largest difference of a colour channel (0: the same).
 */
async function edgeFades(page, row) {
  const box = await row.boundingBox();
  const png = await page.screenshot({ clip: { x: box.x, y: box.y + box.height - 1, width: box.width, height: 1 } });
  return page.evaluate(
    async ({ b64, width }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const scale = img.width / width;
      const px = (x) => [...ctx.getImageData(Math.min(img.width - 1, Math.floor(x * scale)), img.height - 1, 1, 1).data];
      const diff = (a, b) => Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i])));
      return { left: diff(px(0), px(40)), right: diff(px(width - 0.5), px(width - 40)) };
    },
    { b64: png.toString('base64'), width: box.width },
  );
}

test('phone: the tab row fades at each edge with tabs beyond it, and only there; light and dark', async () => {
  await Promise.all(
    ['light', 'dark'].map(async (colorScheme) => {
      const page = await openWidget(s, HELP, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, colorScheme });
      const w = inline(page);
      const row = w.locator('[role=tablist]');
      assert.ok(await row.evaluate((list) => list.scrollWidth > list.clientWidth), 'the demo categories do not fit in one row at 360 px');
      const scrollTo = (x) => row.evaluate((list, x) => list.scrollTo({ left: x === 'end' ? list.scrollWidth : x }), x);
      // Faded: the line at the edge differs from the line further in; not faded: it is the same.
      const expectFades = async (at, left, right) => {
        await eventually(async () => assert.equal(await row.getAttribute('data-scroll'), at));
        await page.waitForTimeout(100);
        const fades = await edgeFades(page, row);
        const what = `${colorScheme}, scrolled to the ${at}: ${JSON.stringify(fades)}`;
        assert.equal(fades.left > 10, left, `${what}: the left edge ${left ? 'fades' : 'does not fade'}`);
        assert.equal(fades.right > 10, right, `${what}: the right edge ${right ? 'fades' : 'does not fade'}`);
        if (!left) assert.ok(fades.left <= 3, what);
        if (!right) assert.ok(fades.right <= 3, what);
      };

      await expectFades('start', false, true);
      await scrollTo(60);
      await expectFades('middle', true, true);
      await screenshot(page, `tabs-middle-phone-${colorScheme}`);
      await scrollTo('end');
      await expectFades('end', true, false);
      await screenshot(page, `tabs-end-phone-${colorScheme}`);
      await scrollTo(0);
      await expectFades('start', false, true);

      // A sideways wheel (a trackpad) scrolls the row as well.
      const box = await row.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(120, 0);
      await expectFades('middle', true, true);

      // Choosing the last tab shows it whole, at the end of the row.
      await w.getByRole('tab').last().click();
      await expectFades('end', true, false);

      // Wide enough for every tab: no fade at all.
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectFades('none', false, false);
      assert.equal(await row.evaluate((list) => getComputedStyle(list).maskImage), 'none');
      await assertNoErrors(page);
    }),
  );
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
