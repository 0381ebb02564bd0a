#!/usr/bin/env bash
# Builds the widget's WebAssembly package into target/widget-pkg/ (faq_search.js,
# faq_search_bg.wasm, the stemmers and the strings files): wasm-pack with the size-first
# wasm-release profile, then binaryen's wasm-opt -Oz from npm (Debian's binaryen is too old for
# what Rust emits; see TOOLCHAIN.md), then scripts/shrink-glue.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/target/widget-pkg"
wasm_opt="$root/node_modules/.bin/wasm-opt"

if [ ! -x "$wasm_opt" ]; then
  echo "build-widget: $wasm_opt is missing: run ./scripts/setup.sh (npm ci) first" >&2
  exit 1
fi

# The profile's `strip = true` hides the target_features section from wasm-bindgen (it warns);
# wasm-opt below drops names and debug info anyway, so the result is the same size.
export CARGO_PROFILE_WASM_RELEASE_STRIP=${CARGO_PROFILE_WASM_RELEASE_STRIP:-false}

# The standard library is rebuilt for the widget with size-first settings, which the prebuilt
# one cannot give: panics abort on the spot instead of formatting a message nobody reads
# (wasm32-unknown-unknown has no stderr), panic locations and derived Debug output are left
# out, and std's own algorithms are chosen for size. These are unstable compiler options;
# RUSTC_BOOTSTRAP lets the stable toolchain take them, for this build only (the native CLI
# and the tests build as usual). Together they cut the module by about a tenth (brotli).
# Rebuilding std needs the toolchain's rust-src component (scripts/setup.sh adds it). A
# target folder of its own keeps these flags from invalidating the test builds.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="$root/target/widget-std"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

# --mode no-install: never download a wasm-bindgen; fail fast if the one on PATH does not
# match Cargo.lock. --no-opt: wasm-opt runs below, with the feature flags Rust 1.95 needs.
wasm-pack --quiet build --mode no-install --no-opt --profile wasm-release --target web \
  --out-dir "$out" --out-name faq_search "$root" \
  -- -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size

rm -f "$out/package.json" "$out/.gitignore" "$out/README.md"

wasm_features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
  --enable-call-indirect-overlong)

# A copy with every function and data segment named, for the size report (bench/size.mjs):
# the same optimizations, names kept.
names="$root/target/widget-build"
mkdir -p "$names"
"$wasm_opt" -Oz -g --strip-dwarf "${wasm_features[@]}" \
  "$out/faq_search_bg.wasm" -o "$names/faq_search_bg.names.wasm"

# --converge repeats -Oz while it still shrinks the module; the producers and target_features
# sections only describe the build.
"$wasm_opt" -Oz --converge --strip-producers --strip-target-features "${wasm_features[@]}" \
  "$out/faq_search_bg.wasm" -o "$out/faq_search_bg.wasm"

# Short import names in the module and the glue, then the glue minified (esbuild).
node "$root/scripts/shrink-glue.mjs" "$out"
# The loader, the JS API module and the stylesheet, minified from www/.
node "$root/scripts/minify-assets.mjs" "$out"

# The Snowball stemmers, one small module per language (engine/stemmer-module), which the
# widget downloads for its index's language: stem-english.wasm, stem-german.wasm, …
stemmer_wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/faq_search_stemmer.wasm"
for language in english german french spanish russian italian portuguese dutch swedish \
  norwegian danish finnish hungarian romanian turkish; do
  cargo build --quiet --lib -p faq-search-stemmer --features "$language" \
    --target wasm32-unknown-unknown --profile wasm-release \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
  "$wasm_opt" -Oz --converge --strip-debug --strip-producers --strip-target-features \
    "${wasm_features[@]}" "$stemmer_wasm" -o "$out/stem-$language.wasm"
done

# The widget's words in every language but English (which is compiled in), as data the widget
# downloads for its language: www/strings/de.json → strings-de.json, …
for table in "$root"/www/strings/*.json; do
  cp "$table" "$out/strings-$(basename "$table")"
done

wasm_bytes=$(wc -c < "$out/faq_search_bg.wasm")
stem_bytes=$(cat "$out"/stem-*.wasm | wc -c)
echo "build-widget: $out/faq_search_bg.wasm ($wasm_bytes bytes), 15 stemmers ($stem_bytes bytes in all)"
