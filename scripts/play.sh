#!/usr/bin/env bash
# All set-up, then the main job: serve the playground on http://127.0.0.1:8080
# with a sample pipeline loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh all
if [ -x scripts/serve.sh ] && [ -d web/dist ]; then
  exec scripts/serve.sh
fi
# Before the page exists: validate the bundled sample with the CLI.
exec build/native/cli/kfpc validate samples/add.component.yaml samples/add_pipeline.yaml
