#!/usr/bin/env bash
# Runs the Prisma CLI offline: points it at our stand-in engine so it never tries a download.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export PRISMA_SCHEMA_ENGINE_BINARY="$here/no-schema-engine.sh"
export CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
cd "$here/.."
exec npx --no-install prisma "$@"
