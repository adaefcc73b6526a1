#!/usr/bin/env bash
# The main job on a default example: set up, build, then simulate ResNet-50 (batch 1) on TPU v4,
# event-driven, with the summary and the per-layer table. Extra arguments go to `coda simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/coda simulate --hw tpu_v4 --model resnet50 "$@"
