#!/usr/bin/env bash
# Serves dist/ on 127.0.0.1:${PORT:-8080} and prints the address (scripts/serve.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT=${PORT:-8080}
exec node scripts/serve.mjs
