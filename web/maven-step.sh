#!/bin/sh
# Maven's entry to the web app's npm build: `maven-step.sh build` (npm ci if needed, then bundle
# into target/classes/coop-web) or `maven-step.sh test` (the node:test unit tests). Without
# Node.js the step is skipped with a message: the node then serves a page saying the app is absent.
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null 2>&1; then
  echo "[web] Node.js was not found: the members' web app is NOT built or tested, and nodes built now" >&2
  echo "[web] serve a page saying so at /. Install Node.js 20 or newer (e.g. apt-get install nodejs npm)" >&2
  echo "[web] and build again to include it." >&2
  exit 0
fi
case "$1" in
  build) node ensure-deps.mjs && node build.mjs ;;
  test) node --test src/test/js/ ;;
  *) echo "usage: maven-step.sh build|test" >&2; exit 2 ;;
esac
