#!/usr/bin/env bash
# The main job on a default example: set up, build, then simulate an 8192^3 bf16 matmul on TPU v4.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/coda op --hw tpu_v4 --matmul 8192,8192,8192 "$@"
