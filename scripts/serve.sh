#!/usr/bin/env bash
# Serves dist/ on 127.0.0.1:${PORT:-8080} and prints the address.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
echo "faq-search demo help center: http://127.0.0.1:${PORT}/  (Ctrl+C stops)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
