#!/usr/bin/env bash
# tokenhound logs vs the foundation's secrets scan (scan --secrets-only) on the same Lambda log text.
#
#   bench/logs-bench.sh [MEGABYTES] [WORK_DIR]
#
# Generates MEGABYTES of Lambda logs with seeded tokens (bench/TokenHound.Bench gen-logs), builds the CLI in Release and
# times both commands on the same files (best of 3). The issue's target: logs within 1.5x of the secrets scan.
set -euo pipefail
MB=${1:-1024}
WORK=${2:-/tmp/logs-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$WORK/logs-$MB"
mkdir -p "$WORK"
if [ ! -f "$DATA/.done" ]; then
  dotnet run -c Release --project "$ROOT/bench/TokenHound.Bench" --artifacts-path "$WORK/art-bench" -- gen-logs "$DATA" "$MB" >/dev/null
  touch "$DATA/.done"
fi
dotnet build "$ROOT/src/TokenHound.Cli" -c Release --artifacts-path "$WORK/art" -v q -nologo >/dev/null
TH="$WORK/art/bin/TokenHound.Cli/release/tokenhound"
best() { local b=999999 s e t; for _ in 1 2 3; do s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); t=$(python3 -c "print($e-$s)"); b=$(python3 -c "print(min($b,$t))"); done; printf '%.2f' "$b"; }
T_SCAN=$(best "$TH" scan "$DATA" --secrets-only --format json --output /dev/null --no-progress --no-default-excludes --max-file-size 1000000000)
T_LOGS=$(best "$TH" logs "$DATA" --format json --output /dev/null --no-progress)
SIZE=$(du -sm "$DATA" | cut -f1)
echo "| command | seconds (best of 3) | MB/s |"
echo "|---|---|---|"
echo "| tokenhound scan --secrets-only | $T_SCAN | $(python3 -c "print(f'{$SIZE/$T_SCAN:.0f}')") |"
echo "| tokenhound logs | $T_LOGS | $(python3 -c "print(f'{$SIZE/$T_LOGS:.0f}')") |"
echo "ratio logs/scan: $(python3 -c "print(f'{$T_LOGS/$T_SCAN:.2f}')")  ($SIZE MB, $(nproc) cores)"
