/*
 * faq-search loader: embeds the help-center search widget with one tag.
 *
 *   <div id="help-search"></div>
 *   <script src="faq-search.js" data-index="index/" data-target="#help-search" defer></script>
 *
 * or, with the custom element it defines:
 *
 *   <faq-search index="index/" mode="modal"></faq-search>
 *   <script src="faq-search.js" defer></script>
 *
 * The script tag's data- attributes are the <faq-search> attributes with "data-" in front
 * (README.md lists them), plus data-target: the CSS selector of the element to mount into.
 * Without data-target, the widget goes into a new element just before the script tag, unless
 * the page uses <faq-search> elements and the tag has no data-index either: then the script
 * only defines the element.
 *
 * Every other file (API module, CSS, wasm) is found next to this script, so the folder can be
 * copied anywhere. A classic script (no `export`) so that it works from a plain <script src>.
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

  // Ask for the modules and the wasm now, side by side, instead of one after another as each
  // import reaches the next: on a slow mobile link every step of that chain costs a round
  // trip. (Hints only: a browser that ignores them loads as before.) The API module itself
  // starts the stylesheet and the index while the wasm downloads.
  function hint(rel, href, as) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (as) {
      link.as = as;
      link.crossOrigin = 'anonymous';
    }
    document.head.appendChild(link);
  }
  hint('modulepreload', base + 'faq-search-api.js');
  hint('modulepreload', base + 'pkg/faq_search.js');
  hint('preload', base + 'pkg/faq_search_bg.wasm', 'fetch');

  function message(e) {
    var text = e && e.message ? e.message : String(e);
    return text.indexOf(PREFIX) === 0 ? text : PREFIX + text;
  }

  function start() {
    import(base + 'faq-search-api.js').then(
      function (api) {
        api.defineElement();
        var usesElement = document.querySelector('faq-search') !== null;
        if (!data.target && !data.index && usesElement) return;
        var target = data.target;
        if (!target) {
          target = document.createElement('div');
          target.className = 'faq-search';
          script.parentNode.insertBefore(target, script);
        }
        var options = api.optionsFromAttributes(function (name) {
          var value = script.getAttribute('data-' + name);
          return value;
        });
        if (!options.index) options.index = base + 'index/';
        api.mount(target, options).catch(function (e) {
          console.error(message(e));
        });
      },
      function (e) {
        console.error(PREFIX + 'the widget could not be loaded from ' + base + ' (' + (e && e.message ? e.message : e) + ')');
      }
    );
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
