#!/usr/bin/env bash
# Prepares a Debian bookworm machine and builds the project: installs the
# Debian packages that are missing (when run as root), configures and builds.
#   tools/bootstrap.sh [--tests] [TARGET...]
# --tests also makes sure Node.js and npm are there (the MCP client tests).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${THRIVE_BUILD_DIR:-"$root/build"}
with_tests=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --tests) with_tests=1 ;;
    *) targets+=("$arg") ;;
  esac
done

packages=(cmake make g++ libboost1.81-dev libssl-dev libgtest-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "$with_tests" = 1 ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: missing Debian packages: ${missing[*]}" >&2
    echo "bootstrap: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$build"
log="$build/bootstrap.log"
echo "bootstrap: building in $build (log: $log)" >&2
# The compiler's chatter goes to the log; on failure its end is shown.
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release &&
       if [ "${#targets[@]}" -gt 0 ]; then
         cmake --build "$build" -j "$jobs" --target "${targets[@]}"
       else
         cmake --build "$build" -j "$jobs"
       fi; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "bootstrap: the build failed; the whole log is $log" >&2
  exit 1
fi
