#!/bin/sh
# Runs one Node.js build step of the contracts module (`node-step.sh WHAT script.js [args]`):
# installing the pinned solc and ganache, or re-checking the committed ABI and bytecode against
# CheckpointAnchor.sol. A Java-only build (no `node` on PATH) skips the step and says so; CI
# (CI=true) always has Node.js and fails without it, so the check always runs there.
what=$1
shift
if command -v node >/dev/null 2>&1; then
  exec node "$@"
fi
if [ "${CI:-}" = true ]; then
  echo "[contracts] Node.js is not on PATH, but CI must $what: install Node.js" >&2
  exit 1
fi
echo "[contracts] SKIPPED: $what (Node.js is not on PATH). The committed ABI and bytecode are" \
  "used as they are; install Node.js to check them and to run the Ganache tests."
