/*
 * faq-search page highlighter: on an article page opened from a search result, marks the words
 * the search matched and scrolls to the first of them. Opt-in, per page:
 *
 *   <script src="/search/faq-search-highlight.js" defer></script>
 *
 * The widget, mounted with the option highlightParam: 'fqs', adds the words it matched in the
 * result to the article's link (/help/reset-password?fqs=password%20reset). This script reads
 * them and wraps each occurrence in the page's main content in <mark class="fqs-page-mark">.
 * Which words count as matches was decided by the search (stems, prefixes, typos, CJK
 * bigrams); here a listed word is found as a whole word, whatever its case and Latin accents,
 * and a Chinese, Japanese or Korean one wherever it occurs. Without the parameter the script
 * does nothing at all. It never parses page text as HTML.
 *
 * Attributes of the script tag (all optional):
 *   data-param   the URL parameter to read (default "fqs")
 *   data-root    a CSS selector for where to mark (default: main, else article, else
 *                [role=main], else the body without its header, nav and footer)
 *   data-scroll  "false" to mark without scrolling
 * Elements with data-fqs-ignore are left alone. After marking, the root gets the attribute
 * data-fqs-marks with the number of marks, and the page receives a faq-search:highlight event.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var attr = function (name) {
    return script ? script.getAttribute(name) : null;
  };
  var MAX_WORDS = 24;
  var MAX_WORD_LENGTH = 64;
  var MAX_MARKS = 500;
  // Where text is not article text, or is not ours to change.
  var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|INPUT|SELECT|OPTION|BUTTON|SVG|MATH|MARK|IFRAME|CANVAS|VIDEO|AUDIO)$/;
  var OUTSIDE_MAIN = /^(HEADER|NAV|FOOTER|ASIDE)$/;
  // Scripts written without spaces between words, as the search's tokenizer lists them.
  var CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]|[\ud840-\ud87e][\udc00-\udfff]/;
  // A word as the search's tokenizer cuts one: letters, digits, marks and "_", joined by an
  // apostrophe, a dot or a colon between letters ("don't", "e.g", "std::vec").
  var WORD = /[\p{L}\p{N}\p{M}_]+(?:['\u2019.:][\p{L}\p{N}\p{M}_]+)*/gu;

  /** Case, width and Latin accents folded away, as the search folds words. */
  function fold(text) {
    var out = '';
    for (var c of text.normalize('NFKC').toLowerCase()) {
      if (c === '\u2019' || c === '\u2018' || c === '\u02bc') c = "'";
      else if (c.codePointAt(0) < 0x250) c = c.normalize('NFD').charAt(0);
      else if (out === '' && /\p{M}/u.test(c)) continue;
      out += c;
    }
    return out;
  }

  function wordsFromUrl() {
    var param = attr('data-param') || 'fqs';
    var value;
    try {
      value = new URLSearchParams(window.location.search).get(param);
    } catch (e) {
      return null;
    }
    if (!value) return null;
    var words = { plain: new Set(), cjk: [] };
    var seen = 0;
    for (var word of value.split(/\s+/)) {
      if (!word || word.length > MAX_WORD_LENGTH || seen >= MAX_WORDS) continue;
      var folded = fold(word);
      if (!folded) continue;
      seen++;
      if (CJK.test(word)) {
        if (words.cjk.indexOf(word) < 0) words.cjk.push(word);
      } else {
        words.plain.add(folded);
      }
    }
    return seen ? words : null;
  }

  function findRoot() {
    var selector = attr('data-root');
    if (selector) {
      try {
        return { element: document.querySelector(selector), whole: true };
      } catch (e) {
        return { element: null };
      }
    }
    var main = document.querySelector('main, article, [role="main"]');
    return main ? { element: main, whole: true } : { element: document.body, whole: false };
  }

  /** The text nodes under `root` that are article text, in document order. */
  function textNodes(root, whole) {
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          return node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        }
        var tag = node.tagName.toUpperCase();
        if (SKIP.test(tag) || (!whole && OUTSIDE_MAIN.test(tag))) return NodeFilter.FILTER_REJECT;
        if (node.hasAttribute('data-fqs-ignore') || node.isContentEditable) return NodeFilter.FILTER_REJECT;
        if (node.getAttribute('aria-hidden') === 'true') return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_SKIP;
      },
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /** The [start, end) ranges of `text` to mark, sorted and not overlapping. */
  function rangesIn(text, words) {
    var ranges = [];
    if (words.plain.size) {
      WORD.lastIndex = 0;
      var match;
      while ((match = WORD.exec(text))) {
        if (words.plain.has(fold(match[0]))) ranges.push([match.index, match.index + match[0].length]);
      }
    }
    for (var word of words.cjk) {
      for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        ranges.push([at, at + word.length]);
      }
    }
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var merged = [];
    for (var range of ranges) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    }
    return merged;
  }

  /** Wraps the ranges of a text node in marks (from the end, so offsets stay valid). */
  function mark(node, ranges) {
    var marks = [];
    for (var i = ranges.length - 1; i >= 0; i--) {
      var target = node.splitText(ranges[i][0]);
      target.splitText(ranges[i][1] - ranges[i][0]);
      var element = document.createElement('mark');
      element.className = 'fqs-page-mark';
      target.parentNode.replaceChild(element, target);
      element.appendChild(target);
      marks.unshift(element);
    }
    return marks;
  }

  /** The mark to show first: the first one inside the section the URL's #anchor names, if any. */
  function firstToShow(marks) {
    var id = window.location.hash.slice(1);
    if (!id) return marks[0];
    var anchor;
    try {
      anchor = document.getElementById(decodeURIComponent(id));
    } catch (e) {
      anchor = null;
    }
    if (!anchor) return marks[0];
    for (var element of marks) {
      // At or after the anchor in document order: the anchor's own scroll is kept otherwise.
      if (anchor.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING || anchor.contains(element)) {
        return element;
      }
    }
    return null;
  }

  function run() {
    var words = wordsFromUrl();
    if (!words) return;
    var root = findRoot();
    if (!root.element) return;
    var marks = [];
    for (var node of textNodes(root.element, root.whole)) {
      if (marks.length >= MAX_MARKS) break;
      var ranges = rangesIn(node.data, words);
      if (ranges.length) marks = marks.concat(mark(node, ranges));
    }
    root.element.setAttribute('data-fqs-marks', String(marks.length));
    var first = firstToShow(marks);
    if (first && attr('data-scroll') !== 'false') {
      var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      first.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    }
    document.dispatchEvent(new CustomEvent('faq-search:highlight', { detail: { marks: marks.length } }));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
