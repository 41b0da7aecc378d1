#!/usr/bin/env bash
# The main job: build what the demo needs, then run the onboarding and
# compliance workflow against the embedded local Thrive stand-in.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/bootstrap.sh" thrive thrive_plugin
exec "${THRIVE_BUILD_DIR:-$root/build}/bin/thrive" demo "$@"
