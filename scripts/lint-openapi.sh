#!/usr/bin/env bash
# Lints openapi/openapi.yaml with @redocly/cli (npm, pinned in package-lock.json). Any error or
# warning of the lint rules fails (the CLI's own Node.js deprecation banner is not a lint result).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
redocly="$root/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  echo "lint-openapi: $redocly missing; run 'npm ci' in $root (scripts/test.sh does)" >&2
  exit 1
fi
cd "$root"
"$redocly" lint openapi/openapi.yaml --format=stylish 2>/dev/null || true
json="$("$redocly" lint openapi/openapi.yaml --format=json 2>/dev/null || true)"
node -e '
  const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const t = r.totals || {};
  console.log(`openapi lint: ${t.errors} errors, ${t.warnings} warnings`);
  process.exit(t.errors === 0 && t.warnings === 0 ? 0 : 1);
' <<<"$json"
