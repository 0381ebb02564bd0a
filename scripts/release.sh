#!/usr/bin/env bash
# Writes the release artifacts into target/release-artifacts/:
#   faq-search-<version>-x86_64-unknown-linux-gnu.tar.gz  index-builder (the widget inside),
#                                                          README, licences, changelog
#   faq-search-<version>.tgz                               the npm package `faq-search`: its
#                                                          bin runs the same index-builder
#   SHA256SUMS
# REUSE_WIDGET=1 takes target/widget-pkg/ as it is (scripts/test.sh has just built it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=x86_64-unknown-linux-gnu
version=$(awk '/^\[workspace.package\]/ { p = 1 } p && /^version = / { gsub(/version = |"/, ""); print; exit }' Cargo.toml)
out="$root/target/release-artifacts"

if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "release: builds the $target artifacts, on Linux x86-64 only" >&2
  exit 1
fi
if [ "${REUSE_WIDGET:-}" != 1 ] || [ ! -f target/widget-pkg/faq_search_bg.wasm ]; then
  ./scripts/build-widget.sh
fi
cargo build --quiet --release --locked -p index-builder
bin="$root/target/release/index-builder"
if [ "$("$bin" --version)" != "index-builder $version" ]; then
  echo "release: $bin --version is not index-builder $version" >&2
  exit 1
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

# The binary must hold the widget: a full build of one article proves it.
printf '%s\n' '{"id":"a","title":"Check","body":"A release check.","url":"/a","category":"FAQ","published":"2026-01-01","updated":"2026-01-01","views":0,"locale":"en"}' > "$staging/check.jsonl"
"$bin" build --quiet "$staging/check.jsonl" --out "$staging/check"
test -f "$staging/check/faq-search.js"

# The archive.
name="faq-search-$version-$target"
mkdir -p "$staging/$name"
cp "$bin" "$staging/$name/index-builder"
# Symbols only make the download bigger.
if command -v strip >/dev/null; then strip "$staging/$name/index-builder"; fi
cp README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$staging/$name/"
mkdir -p "$out"
rm -f "$out"/faq-search-*
tar -C "$staging" --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"

# The npm package.
pkg="$staging/npm"
mkdir -p "$pkg/bin" "$pkg/native/$target"
cp packaging/npm/bin/faq-search.js "$pkg/bin/"
chmod 755 "$pkg/bin/faq-search.js"
cp "$staging/$name/index-builder" "$pkg/native/$target/index-builder"
chmod 755 "$pkg/native/$target/index-builder"
cp packaging/npm/README.md "$pkg/README.md"
cp CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$pkg/"
VERSION="$version" node -e '
  const pkg = {
    name: "faq-search",
    version: process.env.VERSION,
    description: "Server-free search for static help centers: index-builder and its WebAssembly widget",
    license: "MIT OR Apache-2.0",
    bin: { "faq-search": "bin/faq-search.js" },
    files: ["bin/", "native/", "README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"],
    os: ["linux"],
    cpu: ["x64"],
    engines: { node: ">=18" },
  };
  require("fs").writeFileSync(process.argv[1] + "/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$pkg"
(cd "$pkg" && npm pack --silent --pack-destination "$out" >/dev/null)
test -f "$out/faq-search-$version.tgz"

(cd "$out" && sha256sum "$name.tar.gz" "faq-search-$version.tgz" > SHA256SUMS)
echo "release: $out"
ls -l "$out" | tail -n +2
