#!/usr/bin/env bash
# Set up, build, and run the whole test suite (ctest, 2 jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest -j 2 --output-on-failure --timeout 300
