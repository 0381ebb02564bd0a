/*
 * faq-search JavaScript API (an ES module): mount the widget yourself, define the
 * <faq-search> element, or search an index from your own UI.
 *
 *   import { mount, loadIndex } from './faq-search-api.js';
 *
 *   // The widget, with options (README.md lists them all):
 *   const widget = await mount('#help-search', { index: 'index/', mode: 'modal', urlSync: true,
 *                                                strings: { placeholder: 'Ask a question' } });
 *   widget.destroy();
 *
 *   // Your own UI:
 *   const index = await loadIndex('index/', { locale: 'de' });  // folder (→ its faq-search.json) or an index file's URL
 *   const res = await index.searchComplete('withdraw fee', { limit: 5, category: 'FAQ', sort: 'relevance', offset: 0 });
 *   // res = { total, totalAll, partial, suggestion, categories: [{ category, count }], missingParts,
 *   //         settled, hits: [{ id, title, url, category, section, locale, published, updated, views,
 *   //                  score, snippet, snippetPending, titleHighlights: [[start, end]], snippetHighlights,
 *   //                  subResults: [{ title, url, anchor, snippet, titleHighlights, snippetHighlights }] }] }
 *   // subResults: the headings of a long article whose parts matched best (url is `…#anchor`).
 *   // index.search(q, options) answers at once from what is loaded; with a large (split) index
 *   // it lists the parts it still needs in missingParts, which searchComplete fetches first,
 *   // and settled is false while the page's hits stop early, waiting for some of them.
 *
 * Highlight ranges are UTF-16 offsets: title.slice(start, end) is the matched text. Article
 * text is plain text: insert it with textContent, never innerHTML.
 *
 * The wasm module (pkg/) and the stylesheet are found next to this file, wherever it is served
 * from. faq-search.js, the script-tag loader, uses this module too.
 */
import * as wasm from './pkg/faq_search.js';

const { SearchIndex } = wasm;
const base = new URL('.', import.meta.url).href;
const PREFIX = 'faq-search: ';

let loading = null;

/**
 * Loads and compiles the wasm once per page (every widget and index shares it). A failed
 * attempt is forgotten, so a later call tries again.
 */
export function initialize() {
  if (!loading) {
    loading = wasm
      .default({ module_or_path: base + 'pkg/faq_search_bg.wasm' })
      .then(() => {
        wasm.setStemmerLoader(loadStemmer);
        wasm.setStringsLoader(loadStrings);
        return wasm;
      })
      .catch((error) => {
        loading = null;
        return wasmFailure(error).then((why) => Promise.reject(new Error(`${PREFIX}${why}`)));
      });
  }
  return loading;
}

// ---------------------------------------------------------------------------------------------
// Early downloads: the manifest, and the index it names, load while the wasm does. On a slow
// mobile link that takes a round trip and the index's transfer off the time to first results.

const early = new Map();

// ---------------------------------------------------------------------------------------------
// The widget's words in languages other than English: pkg/strings-<tag>.json, loaded when a
// widget of that language mounts (the wasm asks, by file name), once per page.

const stringFiles = new Map();

/** A promise of the object in `file` ("strings-de.json"); `{}`, with a warning, if it fails. */
function loadStrings(file) {
  if (!stringFiles.has(file)) {
    const url = new URL(`pkg/${file}`, base).href;
    const loading = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .catch((error) => {
        console.warn(`${PREFIX}the strings file ${url} could not be loaded (${error?.message ?? error}); the widget speaks English`);
        return {};
      });
    stringFiles.set(file, loading);
  }
  return stringFiles.get(file);
}

// ---------------------------------------------------------------------------------------------
// Stemmers. The wasm carries no Snowball stemmer: each language's is a small module of its own,
// pkg/stem-<language>.wasm, loaded here when an index needs it (the wasm asks, by name) and
// shared by every widget and index of the page. Its interface: fqs_input(len) gives where to
// write a word's UTF-8, fqs_stem() stems it and gives the stem's length, fqs_output() where it is.

const stemmers = new Map();

/** A promise of `word => stem` for the stemmer called `name` ("english"); one per name. */
function loadStemmer(name) {
  if (!stemmers.has(name)) {
    const url = new URL(`pkg/stem-${name}.wasm`, base).href;
    const what = `the ${name} stemmer could not be loaded`;
    const loading = fetch(url)
      .catch((error) => {
        throw new Error(`${what} (network error for ${url}: ${error?.message ?? error})`);
      })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${what} (HTTP ${response.status} for ${url})`);
        const { instance } = await WebAssembly.instantiate(await response.arrayBuffer()).catch((error) => {
          throw new Error(`${what} (${url}: ${error?.message ?? error})`);
        });
        const { memory, fqs_input: input, fqs_stem: stem, fqs_output: output } = instance.exports;
        const encoder = new TextEncoder();
        const decoder = new TextDecoder();
        return (word) => {
          const bytes = encoder.encode(word);
          const at = input(bytes.length);
          new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
          const length = stem();
          return decoder.decode(new Uint8Array(memory.buffer, output(), length));
        };
      });
    // A failure is not kept: Retry loads again.
    loading.catch(() => stemmers.delete(name));
    stemmers.set(name, loading);
  }
  return stemmers.get(name);
}

/**
 * Starts downloading the index at `url` (as given to mount or loadIndex) before the wasm is
 * ready. Returns `provide(module)`, which hands the downloads to the wasm once it is: its first
 * fetch of each URL then uses them. Only a manifest that names a single index has its index
 * fetched here; with several, the wasm picks the locale and fetches it. Anything unexpected
 * (a bad URL, an HTTP error, a manifest that is not JSON) is left for the wasm to report.
 */
function downloadEarly(url) {
  let manifestUrl;
  try {
    // As the wasm resolves it (urls.rs): a folder URL means the manifest inside it.
    const resolved = new URL(url.trim() || './', document.baseURI);
    if (!resolved.pathname.endsWith('/')) return () => {};
    resolved.pathname += 'faq-search.json';
    manifestUrl = resolved.href;
  } catch {
    return () => {};
  }
  if (!early.has(manifestUrl)) {
    const manifest = fetch(manifestUrl);
    const index = manifest
      .then((response) => (response.ok ? response.clone().json() : null))
      .then((json) => {
        const only = json && Array.isArray(json.indexes) && json.indexes.length === 1 ? json.indexes[0] : null;
        if (!only || typeof only.file !== 'string') return null;
        const file = new URL(only.file, manifestUrl);
        if (file.origin !== new URL(manifestUrl).origin) return null;
        // The stemmer of the index's language (the manifest names it) comes along too.
        if (typeof only.stemmer === 'string' && /^[a-z]+$/.test(only.stemmer)) loadStemmer(only.stemmer);
        return { url: file.href, response: fetch(file.href) };
      })
      .catch(() => null);
    early.set(manifestUrl, { manifest, index, provided: false });
  }
  const downloads = early.get(manifestUrl);
  return (module) => {
    if (downloads.provided) return;
    downloads.provided = true;
    // The manifest's Response reaches the wasm only once the index's download is known, so
    // the wasm never asks for the index a second time.
    module.provideResponse(
      manifestUrl,
      downloads.manifest.then(async (response) => {
        const index = await downloads.index;
        if (index) module.provideResponse(index.url, index.response);
        return response;
      }),
    );
  };
}

/**
 * Fetches and opens an index: a folder URL ending in "/" (its manifest picks the index for
 * `options.locale`, else the browser's languages) or an index file's URL.
 */
export async function loadIndex(url = 'index/', options = {}) {
  const provide = downloadEarly(String(url));
  const module = await initialize();
  provide(module);
  const locale = options && typeof options.locale === 'string' ? options.locale : undefined;
  return wasm.loadIndex(String(url), locale);
}

/** Opens index bytes already in memory (an ArrayBuffer or Uint8Array). */
export async function indexFromBytes(bytes) {
  await initialize();
  const index = SearchIndex.fromBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  await index.prepare();
  return index;
}

// ---------------------------------------------------------------------------------------------
// When WebAssembly cannot run: the cause and its fix, in words.

const WASM_URL = () => base + 'pkg/faq_search_bg.wasm';

async function wasmFailure(error) {
  const detail = error?.message ?? String(error);
  if (typeof WebAssembly !== 'object') {
    return 'this browser cannot run WebAssembly (it is too old, or WebAssembly is turned off), so the search cannot start';
  }
  if (/Content.Security.Policy|wasm-unsafe-eval|wasm-eval/i.test(detail)) {
    return `the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src directive (script-src 'self' 'wasm-unsafe-eval') (${detail})`;
  }
  try {
    const response = await fetch(WASM_URL(), { method: 'HEAD', cache: 'no-store' });
    if (!response.ok) {
      return `the search module ${WASM_URL()} could not be downloaded (HTTP ${response.status}): upload every file index-builder wrote, and keep them together`;
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/wasm')) {
      return `the search module could not be loaded from ${base}pkg/ (${detail}); serve .wasm files as application/wasm (this server says ${JSON.stringify(type)})`;
    }
  } catch {
    // The network itself failed: said below.
  }
  return `the search module could not be loaded from ${base}pkg/ (${detail})`;
}

/** Shows, in place of the widget, that it cannot start (the console says why). */
function showStartError(host, shadow) {
  let root = host;
  if (shadow !== false) {
    try {
      root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
      styleShadowRoot(root).catch(() => {});
    } catch {
      root = host;
    }
  }
  if (root.querySelector('.fqs-start-error')) return;
  const box = document.createElement('div');
  box.className = 'fqs-root fqs-start-error';
  box.dataset.state = 'error';
  box.innerHTML = '<div class="fqs-status fqs-error" role="alert"><p class="fqs-error-message"><strong class="fqs-error-title"></strong> <span></span></p></div>';
  box.querySelector('strong').textContent = 'Search is unavailable:';
  box.querySelector('span').textContent = 'this browser could not start it. The browser console says why.';
  root.appendChild(box);
}

/** The index the widget reads when no `index` option is given (the loader sets its own). */
export function setDefaultIndex(url) {
  defaultIndex = String(url);
}

let defaultIndex = base + 'index/';

// ---------------------------------------------------------------------------------------------
// Links for the article page's highlighter (faq-search-highlight.js): the article's URL with the
// words the search matched in it, as the result's title and snippet mark them.

const MAX_LINK_WORDS = 12;

/** `url` with `param` set to `words` (each once, whatever its case), before any #fragment. */
function withWords(url, param, words) {
  const kept = [];
  for (const raw of words) {
    const word = String(raw).trim();
    if (word && kept.length < MAX_LINK_WORDS && !kept.some((w) => w.toLowerCase() === word.toLowerCase())) kept.push(word);
  }
  if (!kept.length) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  const joiner = base.includes('?') ? '&' : '?';
  return `${base}${joiner}${encodeURIComponent(param)}=${encodeURIComponent(kept.join(' '))}${fragment}`;
}

/**
 * A hit's article link carrying the words the search matched in it in `param`: what the widget
 * links to with its highlightParam option. For pages that draw their own results. A sub-result
 * (an item of `hit.subResults`) works too: its link keeps its #anchor last.
 */
export function highlightLink(hit, param = 'fqs') {
  const marked = (text, ranges) => (ranges ?? []).map(([start, end]) => String(text ?? '').slice(start, end));
  return withWords(String(hit.url ?? ''), param, [
    ...marked(hit.title, hit.titleHighlights),
    ...marked(hit.snippet, hit.snippetHighlights),
  ]);
}

/**
 * With the highlightParam option: a result link gets its marked words just before it is
 * followed, hovered or focused (so the status bar, "open in new tab" and Enter all see them).
 * The widget renders the article's own URL; this keeps that URL to start from.
 */
function linkResultsWithWords(root, param) {
  const update = (event) => {
    const link = event.target instanceof Element ? event.target.closest('a.fqs-result, a.fqs-sub') : null;
    const href = link?.getAttribute('href');
    if (href == null) return;
    const base = link.dataset.fqsLinked === href ? link.dataset.fqsBase : href;
    const words = Array.from(link.querySelectorAll('mark.fqs-mark'), (mark) => mark.textContent);
    const linked = withWords(base, param, words);
    link.dataset.fqsBase = base;
    link.dataset.fqsLinked = linked;
    if (linked !== href) link.setAttribute('href', linked);
  };
  const types = ['click', 'auxclick', 'pointerover', 'focusin', 'contextmenu'];
  for (const type of types) root.addEventListener(type, update, true);
  return () => types.forEach((type) => root.removeEventListener(type, update, true));
}

/** The widget's version, for bug reports. */
export async function widgetVersion() {
  await initialize();
  return wasm.version();
}

// ---------------------------------------------------------------------------------------------
// Styles: one parsed copy of each stylesheet, shared by every shadow root on the page.

const sheets = new Map();

function stylesheetUrl(css) {
  if (css === 'none') return null;
  return css ? new URL(css, document.baseURI).href : base + 'faq-search.css';
}

/** A constructable stylesheet with the file's rules, or null where they are not supported. */
function sharedSheet(url) {
  if (!sheets.has(url)) {
    const canConstruct = 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype;
    sheets.set(
      url,
      canConstruct
        ? fetch(url)
            .then((response) => {
              if (!response.ok) throw new Error(`HTTP ${response.status}`);
              return response.text();
            })
            .then((text) => {
              const sheet = new CSSStyleSheet();
              sheet.replaceSync(text);
              return sheet;
            })
            .catch((error) => {
              console.warn(`${PREFIX}could not read ${url} (${error?.message ?? error}); linking it instead`);
              return null;
            })
        : Promise.resolve(null),
    );
  }
  return sheets.get(url);
}

async function styleShadowRoot(root, css) {
  const url = stylesheetUrl(css);
  if (!url) return;
  const sheet = await sharedSheet(url);
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('link[data-fqs-style]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.dataset.fqsStyle = '';
    root.prepend(link);
  }
}

function styleDocument(css) {
  const url = stylesheetUrl(css);
  if (!url) return;
  for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
    if (link.href === url) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  document.head.appendChild(link);
}

// ---------------------------------------------------------------------------------------------
// Mounting

const mounted = new WeakMap();

/**
 * Mounts the search widget into `target` (an Element or a CSS selector) and returns
 * `{ destroy() }`. Options: the keys of OPTIONS, all optional (README.md describes each). This
 * module reads three of them itself:
 *
 *   index           index folder ending in "/" or the .idx URL, relative to the page
 *                   (default: the index/ folder next to this file)
 *   shadow          false mounts without a shadow root (page CSS then reaches the widget)
 *   css             another stylesheet URL instead of faq-search.css, or "none"
 *
 * Rejects with an Error when the target is missing or already has a widget, or an option is
 * invalid. An index that cannot be loaded is shown inside the widget instead, with Retry.
 */
export async function mount(target, options = {}) {
  const host = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(host instanceof Element)) {
    throw new Error(`${PREFIX}no element matches the target ${JSON.stringify(String(target))}: add it to the page (for example <div id="help-search"></div>)`);
  }
  if (mounted.has(host)) throw new Error(`${PREFIX}this element already has a search widget`);
  mounted.set(host, null);
  try {
    const { index, shadow, css, highlightParam, ...widgetOptions } = options;
    const indexUrl = index ? String(index) : defaultIndex;
    // The index and the stylesheet download beside the wasm, not after it.
    const provide = downloadEarly(indexUrl);
    const sheetUrl = shadow !== false ? stylesheetUrl(css) : null;
    if (sheetUrl) sharedSheet(sheetUrl);
    const module = await initialize().catch((error) => {
      showStartError(host, shadow);
      throw error;
    });
    provide(module);
    let container = host;
    let root = null;
    if (shadow !== false) {
      try {
        root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
      } catch {
        console.warn(`${PREFIX}<${host.localName}> cannot have a shadow root; mounting without one`);
      }
    }
    if (root) {
      await styleShadowRoot(root, css);
      container = document.createElement('div');
      container.className = 'fqs-mount';
      root.appendChild(container);
    } else {
      styleDocument(css);
    }
    let widget;
    try {
      widget = module.mount(container, indexUrl, widgetOptions);
    } catch (error) {
      if (container !== host) container.remove();
      throw error;
    }
    const handle = {
      destroy() {
        if (mounted.get(host) !== handle) return;
        mounted.delete(host);
        widget.destroy();
        if (container !== host) container.remove();
      },
    };
    if (typeof highlightParam === 'string' && highlightParam.trim()) {
      const unlink = linkResultsWithWords(root ?? host, highlightParam.trim());
      const destroy = handle.destroy;
      handle.destroy = () => {
        unlink();
        destroy();
      };
    }
    mounted.set(host, handle);
    return handle;
  } catch (error) {
    mounted.delete(host);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The options: every one once, here. Each is a mount() key and, in kebab-case, an attribute of
// <faq-search> (contentLocale → content-locale) and a data- attribute of the script tag
// (data-content-locale); README.md describes them. The kind says how an attribute is read:
//   text   the value, unless empty          count  a whole number from 1
//   ms     a whole number from 0            flag   on, unless false, off, no or 0
//   json   parsed (a warning if it is not JSON)

const OPTIONS = {
  index: 'text', mode: 'text', placeholder: 'text', locale: 'text', contentLocale: 'text',
  theme: 'text', css: 'text', queryParam: 'text', highlightParam: 'text', query: 'text',
  category: 'text', sort: 'text',
  limit: 'count', settleDelay: 'ms', urlSync: 'flag', shortcuts: 'flag', recentSearches: 'flag',
  shadow: 'flag', strings: 'json',
};

const FALSE = new Set(['false', 'off', 'no', '0']);

// Each kind's reader: an attribute's value (never null) and the option's key in, the option out
// (undefined: unset).
const READ = {
  text: (value) => (value === '' ? undefined : value),
  count: (value) => {
    const n = parseInt(value, 10);
    return n > 0 ? n : undefined;
  },
  ms: (value) => {
    const n = parseInt(value, 10);
    return n >= 0 ? n : undefined;
  },
  flag: (value) => !FALSE.has(value.trim().toLowerCase()),
  json: (value, key) => {
    if (!value) return undefined;
    try {
      return JSON.parse(value);
    } catch (error) {
      console.warn(`${PREFIX}the ${attributeName(key)} attribute is not valid JSON, ignored (${error.message})`);
      return undefined;
    }
  },
};

/** The attribute of a mount() key: "settleDelay" → "settle-delay". */
function attributeName(key) {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Reads widget options through `get(name)`, which returns an attribute's value or null for
 * the kebab-case names of OPTIONS ("url-sync"). Shared by <faq-search> (index="…") and the
 * script tag (data-index="…"), so both spell every option the same way.
 */
export function optionsFromAttributes(get) {
  const opts = {};
  for (const [key, kind] of Object.entries(OPTIONS)) {
    const value = get(attributeName(key));
    if (value === null) continue;
    const option = READ[kind](value, key);
    if (option !== undefined) opts[key] = option;
  }
  return opts;
}

const ATTRIBUTES = Object.keys(OPTIONS).map(attributeName);

/**
 * Defines the <faq-search> element (once; later calls do nothing):
 *
 *   <faq-search index="index/" mode="modal" locale="de" placeholder="…"></faq-search>
 *
 * It mounts when it is added to the page, unmounts when removed, and mounts again when an
 * attribute changes. Attributes are the mount options in kebab-case.
 */
export function defineElement(name = 'faq-search') {
  if (customElements.get(name)) return;
  customElements.define(
    name,
    class FaqSearchElement extends HTMLElement {
      static observedAttributes = ATTRIBUTES;

      #widget = null;
      #running = false;
      #dirty = false;

      connectedCallback() {
        this.#schedule();
      }

      disconnectedCallback() {
        this.#schedule();
      }

      attributeChangedCallback() {
        if (this.#widget || this.#running) this.#schedule();
      }

      /** The mounted widget's handle ({ destroy() }), or null. */
      get widget() {
        return this.#widget;
      }

      // Several changes in one task remount once; a change during a mount remounts after it.
      async #schedule() {
        this.#dirty = true;
        if (this.#running) return;
        this.#running = true;
        await Promise.resolve();
        while (this.#dirty) {
          this.#dirty = false;
          await this.#sync();
        }
        this.#running = false;
      }

      async #sync() {
        try {
          this.#widget?.destroy();
          this.#widget = null;
          if (!this.isConnected) return;
          this.#widget = await mount(this, optionsFromAttributes((n) => this.getAttribute(n)));
          this.dispatchEvent(new CustomEvent('faq-search:ready', { bubbles: true, composed: true }));
        } catch (error) {
          console.error(error?.message?.startsWith(PREFIX) ? error.message : PREFIX + (error?.message ?? error));
        }
      }
    },
  );
}

export { SearchIndex };
