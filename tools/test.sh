#!/usr/bin/env bash
# The tests: build everything, install the MCP client test's npm packages,
# run every suite through ctest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${THRIVE_BUILD_DIR:-"$root/build"}
"$root/tools/bootstrap.sh" --tests
if [ -f "$root/tests/mcp/package.json" ]; then
  # The npm cache lives in the build tree: nothing depends on $HOME.
  (cd "$root/tests/mcp" && npm ci --no-audit --no-fund --loglevel=error --cache "$build/npm-cache")
fi
cd "$build"
ctest --output-on-failure -j 2 "$@"
