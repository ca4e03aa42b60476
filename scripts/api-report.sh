#!/usr/bin/env bash
# The public API report (api/*.api.md, API Extractor): one per entry point, committed, so
# that every change to the public surface shows in review.
#   scripts/api-report.sh           regenerates the reports after an intended API change
#   scripts/api-report.sh --check   fails when the API differs from the committed reports (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf build/api-dts
npx tsc -p tsconfig.build.json --emitDeclarationOnly --outDir build/api-dts
mode=--local
[ "${1:-}" = "--check" ] && mode=
for entry in cdk8s-compose cdk8s-compose-validation; do
  npx api-extractor run $mode -c "api/$entry.api-extractor.json"
done
