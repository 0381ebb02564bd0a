/*
 * faq-search JavaScript API, for sites that draw their own search UI (and for benchmarks).
 *
 *   import { loadIndex } from './faq-search-api.js';
 *   const index = await loadIndex('index/');   // folder (→ faq-search.idx) or file URL, relative to the page
 *   const res = index.search('withdraw fee', { limit: 5, category: 'FAQ', sort: 'relevance', offset: 0 });
 *   // res = { total, totalAll, partial, categories: [{ category, count }],
 *   //         hits: [{ id, title, url, category, section, locale, published, updated, views,
 *   //                  score, snippet, titleHighlights: [[start, end]], snippetHighlights }] }
 *   index.categories(); index.documentCount();
 *
 * Highlight ranges are UTF-16 offsets: title.slice(start, end) is the matched text. Article
 * text is plain text: insert it with textContent, never innerHTML. sort is 'relevance',
 * 'newest' or 'views'. loadIndex rejects with an Error that says what went wrong (the HTTP
 * status and URL, or why the file is not a usable index).
 *
 * The wasm module is found next to this file (pkg/), wherever it is served from.
 */
import * as wasm from './pkg/faq_search.js';

const { SearchIndex } = wasm;
const base = new URL('.', import.meta.url).href;

/**
 * Loads and compiles the wasm once. Shared with the faq-search.js loader (same key, same
 * promise) so a page that uses both never instantiates the module twice. A failed attempt is
 * forgotten, so a later call tries again.
 */
export function initialize() {
  const loading = (globalThis.__faqSearchLoading ??= {});
  if (!loading[base]) {
    loading[base] = wasm
      .default({ module_or_path: base + 'pkg/faq_search_bg.wasm' })
      .then(() => wasm)
      .catch((error) => {
        delete loading[base];
        throw new Error(`faq-search: the search module could not be loaded from ${base}pkg/ (${error?.message ?? error})`);
      });
  }
  return loading[base];
}

/** Fetches and opens an index: a folder URL ending in "/" or the index file's URL. */
export async function loadIndex(url = 'index/') {
  await initialize();
  return wasm.loadIndex(String(url));
}

/** Opens index bytes already in memory (an ArrayBuffer or Uint8Array). */
export async function indexFromBytes(bytes) {
  await initialize();
  return SearchIndex.fromBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/** The widget's version, for bug reports. */
export async function widgetVersion() {
  await initialize();
  return wasm.version();
}

export { SearchIndex };
