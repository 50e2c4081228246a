#!/bin/sh
# Maven's entry to the web app's npm build: `maven-step.sh build` (npm ci if needed, then bundle
# into target/classes/coop-web), `maven-step.sh test` (the node:test unit tests) or
# `maven-step.sh lint-openapi` (Redocly's recommended rules over the node's /openapi document; an
# error fails the build). Without Node.js each step is skipped with a message (the node then
# serves a page saying the app is absent); CI (CI=true) always has Node.js and fails without it,
# so the steps always run there.
cd "$(dirname "$0")" || exit 1
if ! command -v node >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "[web] Node.js is not on PATH, but CI must run '$1': install Node.js" >&2
    exit 1
  fi
  echo "[web] SKIPPED '$1': Node.js was not found. The members' web app is NOT built or tested," >&2
  echo "[web] the OpenAPI document is not linted, and nodes built now serve a page saying the app" >&2
  echo "[web] is absent. Install Node.js 20 or newer (e.g. apt-get install nodejs npm) and build" >&2
  echo "[web] again to include it." >&2
  exit 0
fi
case "$1" in
  build) node ensure-deps.mjs && node build.mjs ;;
  test) node --test src/test/js/ ;;
  lint-openapi)
    node ensure-deps.mjs &&
      node node_modules/@redocly/cli/bin/cli.js lint --extends=recommended \
        ../node/src/main/resources/openapi.yaml ;;
  *) echo "usage: maven-step.sh build|test|lint-openapi" >&2; exit 2 ;;
esac
