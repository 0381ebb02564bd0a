#!/usr/bin/env bash
# Installs everything faq-search needs to build and test, on Debian 12 as root (or with sudo).
# Idempotent: each step checks first and skips what is already there, so a second run takes
# seconds. Nothing is downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages: Chromium and its driver for browser tests, brotli for size reports, a
#    CJK font so screenshots of Chinese, Japanese and Korean results show real characters.
missing=()
for pkg in chromium chromium-driver brotli fonts-wqy-microhei; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "chromium, chromium-driver, brotli, fonts-wqy-microhei: present"
fi

# 2. Rust: the wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
else
  say "wasm32-unknown-unknown: present"
fi

# 2b. The standard library's source: the widget's build recompiles std for size
#     (scripts/build-widget.sh).
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
else
  say "rust-src: present"
fi

# 3. wasm-pack, pinned.
WASM_PACK_VERSION=0.15.1
if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  say "installing wasm-pack $WASM_PACK_VERSION (cargo, ~75 s)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --quiet
else
  say "wasm-pack $WASM_PACK_VERSION: present"
fi

# 4. wasm-bindgen-cli at exactly the version in Cargo.lock: the generated JS glue and the
#    compiled wasm must come from the same wasm-bindgen. Installed unlocked on purpose: a
#    locked install asks for a dependency version the registry mirror does not serve.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (cargo, ~140 s)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --quiet
else
  say "wasm-bindgen-cli $WB_VERSION: present"
fi

# 5. npm dev tools: playwright-core (drives the system Chromium), binaryen's wasm-opt and
#    axe-core (accessibility checks in the end-to-end tests).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm dev tools: present"
fi
say "ready"
