#!/usr/bin/env bash
# Assembles dist/: a self-contained static folder (demo page, loader, JS API, CSS, wasm, index)
# that works when copied as it is to any static host. CORPUS picks the articles to index.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-www/demo/articles.jsonl}

# REUSE_WIDGET=1 takes target/widget-pkg/ as it is (scripts/test.sh has just built it).
if [ "${REUSE_WIDGET:-}" != 1 ] || [ ! -f target/widget-pkg/faq_search_bg.wasm ]; then
  ./scripts/build-widget.sh
fi
cargo build --quiet --release -p index-builder

# Build into a fresh folder and swap it in at the end, so a failed build never leaves a
# half-made dist/ behind.
staging=$(mktemp -d dist.staging.XXXXXX)
trap 'rm -rf "$staging"' EXIT
# mktemp makes a private (0700) folder; a web server running as another user must read dist/.
chmod 755 "$staging"
mkdir -p "$staging/pkg" "$staging/index"
cp www/*.html www/*.css www/*.js "$staging/"
# The widget's own loader, API and stylesheet as served: minified by build-widget.sh.
cp target/widget-pkg/faq-search.js target/widget-pkg/faq-search-api.js target/widget-pkg/faq-search.css "$staging/"
cp target/widget-pkg/faq_search.js target/widget-pkg/faq_search_bg.wasm target/widget-pkg/stem-*.wasm \
  target/widget-pkg/strings-*.json "$staging/pkg/"
# The demo's synonyms go with the demo's articles; SYNONYMS= (empty) or another file overrides.
if [ "$CORPUS" = www/demo/articles.jsonl ]; then
  SYNONYMS=${SYNONYMS-www/demo/synonyms.txt}
fi
./target/release/index-builder build --index-only "$CORPUS" --out "$staging/index" ${SYNONYMS:+--synonyms "$SYNONYMS"}
rm -rf dist
mv "$staging" dist
trap - EXIT
echo "build: dist/ is ready ($(du -sh dist | cut -f1))"
