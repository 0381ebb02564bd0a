#!/usr/bin/env bash
# Runs every test: native engine and CLI tests, the widget's tests in headless Chromium,
# then the end-to-end tests against a freshly built dist/, a site built in site mode and the
# installed release artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*"; }

step "build the widget (index-builder embeds it; dist/ and the release reuse it)"
./scripts/build-widget.sh

step "native tests (engine, index-builder, the widget's plain Rust parts)"
FAQ_SEARCH_REQUIRE_WIDGET=1 cargo test --quiet -p faq-search-engine -p index-builder -p faq-search -p faq-search-stemmer

# The tests compile every language's strings in (`builtin-strings`, a dev-dependency feature).
step "widget tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
  wasm-pack test --mode no-install --headless --chrome . 

step "build dist/"
REUSE_WIDGET=1 ./scripts/build-dist.sh

step "build the release artifacts (target/release-artifacts/)"
REUSE_WIDGET=1 ./scripts/release.sh

step "end-to-end tests (node --test, playwright-core, Debian Chromium)"
node --test --test-concurrency=1 tests/e2e/
