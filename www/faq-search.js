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
 * Every other file (API module, CSS, wasm) is found next to this script, or in the folder
 * index-builder names below, so the folder can be copied anywhere. A classic script (no
 * `export`) so that it works from a plain <script src>.
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
  // index-builder writes the widget's files into a folder named after their content and
  // names it here, with their version; as they are in www/ and dist/, they sit beside this file.
  var ASSETS = '', VERSION = '';
  var assets = base + ASSETS;

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
  hint('modulepreload', assets + 'faq-search-api.js');
  hint('modulepreload', assets + 'pkg/faq_search.js');
  hint('preload', assets + 'pkg/faq_search_bg.wasm', 'fetch');

  function message(e) {
    var text = e && e.message ? e.message : String(e);
    return text.indexOf(PREFIX) === 0 ? text : PREFIX + text;
  }

  // Where the widget cannot start at all, the place it would fill says so (never a blank box).
  function showError(target, text) {
    var host = typeof target === 'string' ? document.querySelector(target) : target;
    var root = host && (host.shadowRoot || host);
    if (!root || root.querySelector('.fqs-load-error')) return;
    var box = document.createElement('div');
    box.className = 'fqs-load-error';
    box.setAttribute('role', 'alert');
    box.textContent = 'Search is unavailable: ' + text;
    root.appendChild(box);
  }

  function targetElement() {
    if (data.target) return data.target;
    var el = document.createElement('div');
    el.className = 'faq-search';
    script.parentNode.insertBefore(el, script);
    return el;
  }

  function start() {
    import(assets + 'faq-search-api.js').then(
      function (api) {
        if (api.setDefaultIndex) api.setDefaultIndex(base + 'index/');
        api.defineElement();
        // The options are the API's, each as a data- attribute of this tag.
        var options = api.optionsFromAttributes(function (name) {
          return script.getAttribute('data-' + name);
        });
        var usesElement = document.querySelector('faq-search') !== null;
        if (!data.target && !options.index && usesElement) return;
        var target = data.target;
        if (!target) target = targetElement();
        if (!options.index) options.index = base + 'index/';
        var mounting = api.mount(target, options);
        mounting.catch(function (e) {
          console.error(message(e));
        });
        // Files of another version than this loader's (a mixed upload): said in place.
        if (VERSION) {
          var found = api.widgetVersion ? api.widgetVersion() : Promise.resolve('unknown');
          Promise.all([mounting, found]).then(function (both) {
            if (both[1] === VERSION) return;
            both[0].destroy();
            console.error(PREFIX + 'this faq-search.js is version ' + VERSION + ' but found widget files of version ' + both[1] + ' in ' + assets + ': upload every file index-builder wrote, together');
            showError(target, 'its files are of another version (' + both[1] + ', expected ' + VERSION + '). Reload the page.');
          }, function () {});
        }
      },
      function (e) {
        console.error(PREFIX + 'the widget could not be loaded from ' + assets + ' (' + (e && e.message ? e.message : e) + '): upload every file index-builder wrote (an old faq-search.js may name files a newer build has removed; serve faq-search.js with a short cache time)');
        var elements = document.querySelectorAll('faq-search');
        if (data.target || data.index || !elements.length) showError(data.target || targetElement(), 'its files could not be loaded. Reload the page.');
        for (var i = 0; i < elements.length; i++) showError(elements[i], 'its files could not be loaded. Reload the page.');
      }
    );
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
