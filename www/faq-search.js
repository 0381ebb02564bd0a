/*
 * faq-search loader: embeds the help-center search widget with one tag.
 *
 *   <div id="help-search"></div>
 *   <script src="faq-search.js" data-index="index/" data-target="#help-search" defer></script>
 *
 * Attributes (all optional):
 *   data-index        index folder (ending in "/") or index file URL, relative to the page.
 *                     Default: the "index/" folder next to this script.
 *   data-target       CSS selector of the element to mount into. Default: a new element
 *                     inserted just before this script tag.
 *   data-placeholder  placeholder of the search box.
 *   data-limit        results per page (default 10).
 *   data-locale       locale for dates and numbers (default "en").
 *   data-query-param  URL parameter that holds the query (default "q"; "" turns it off).
 *   data-theme        "light" or "dark" pins the colours (default: follow the visitor's OS).
 *   data-css="none"   do not add faq-search.css (the page styles the widget itself).
 *
 * Every other file (CSS, wasm) is found next to this script, so the folder can be copied
 * anywhere. A classic script (no `export`) so that it works from a plain <script src> tag.
 */
(function () {
  'use strict';

  // Only valid while this script runs for the first time: capture it now.
  var script = document.currentScript;
  var PREFIX = 'faq-search: ';

  if (!script || !script.src) {
    console.error(PREFIX + 'load faq-search.js with <script src="…/faq-search.js" defer>; it cannot find its files otherwise.');
    return;
  }

  var base = new URL('.', script.src).href;
  var data = script.dataset;

  function addStylesheet() {
    if (data.css === 'none') return;
    var href = base + 'faq-search.css';
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === href) return;
    }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }

  function findTarget() {
    if (data.target) return data.target;
    var host = document.createElement('div');
    host.className = 'faq-search';
    script.parentNode.insertBefore(host, script);
    return host;
  }

  function options() {
    var limit = parseInt(data.limit || '', 10);
    var opts = {
      limit: limit > 0 ? limit : 10,
      queryParam: data.queryParam === undefined ? 'q' : data.queryParam,
    };
    if (data.placeholder) opts.placeholder = data.placeholder;
    if (data.locale) opts.locale = data.locale;
    if (data.theme) opts.theme = data.theme;
    return opts;
  }

  // One copy of the wasm for every widget on the page, however many script tags there are.
  function loadModule() {
    var loading = (window.__faqSearchLoading = window.__faqSearchLoading || {});
    if (!loading[base]) {
      loading[base] = import(base + 'pkg/faq_search.js')
        .then(function (module) {
          return module.default({ module_or_path: base + 'pkg/faq_search_bg.wasm' }).then(function () {
            return module;
          });
        })
        .catch(function (e) {
          delete loading[base];
          throw e;
        });
    }
    return loading[base];
  }

  function start() {
    addStylesheet();
    var target = findTarget();
    var indexUrl = data.index || base + 'index/';
    loadModule().then(
      function (module) {
        try {
          module.mount(target, indexUrl, options());
        } catch (e) {
          console.error(PREFIX + (e && e.message ? e.message : e));
        }
      },
      function (e) {
        console.error(PREFIX + 'the widget could not be loaded from ' + base + 'pkg/ (' + (e && e.message ? e.message : e) + ')');
      }
    );
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
