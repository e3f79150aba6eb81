#!/usr/bin/env bash
# tokenhound redact vs GNU sed -E (equivalent patterns) vs tokenhound scan --secrets-only --jobs 1, on the same bytes.
#
#   bench/redact-bench.sh [MEGABYTES=1024] [WORK_DIR=/tmp/redact-bench]
#
# Generates MEGABYTES of Lambda-style logs with seeded tokens (bench/TokenHound.Bench gen-logs), publishes the CLI in
# Release, and times the three tools one after the other in one run (best of 3, one core each). Targets (issue 6):
# redact >= 5x sed's throughput, and redact <= 1.3x the time of the secrets scan.
set -euo pipefail
MB=${1:-1024}
WORK=${2:-/tmp/redact-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$WORK/logs-$MB"
PUB="$WORK/th-publish"
mkdir -p "$WORK"
if [ ! -f "$DATA/.done" ]; then
  dotnet run -c Release --project "$ROOT/bench/TokenHound.Bench" --artifacts-path "$WORK/art-bench" -- gen-logs "$DATA" "$MB" >/dev/null
  touch "$DATA/.done"
fi
dotnet publish "$ROOT/src/TokenHound.Cli" -c Release -o "$PUB" --artifacts-path "$WORK/art" -v q -nologo >/dev/null
TH="$PUB/tokenhound"
mapfile -t FILES < <(find "$DATA" -type f -name '*.log' | sort)
[ "${#FILES[@]}" -gt 0 ] || { echo "no .log files in $DATA" >&2; exit 1; }

# The same kinds redact finds on one line, as POSIX ERE (sed cannot follow multi-line PEM blocks).
SED_ARGS=(-E
  -e 's/(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/[REDACTED:aws-access-key-id]/g'
  -e 's/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/[REDACTED:jwt]/g'
  -e 's/(IQoJb3JpZ2lu|FwoGZXIvYXdz)[A-Za-z0-9\/+=]{100,}/[REDACTED:aws-session-token]/g'
  -e 's/((aws_secret_access_key|SecretAccessKey|secretAccessKey)["'"'"']?[ ]*[:=][ ]*["'"'"']?)[A-Za-z0-9\/+]{40}/\1[REDACTED:aws-secret-access-key]/g'
  -e 's/([Bb]earer[ ]+)[A-Za-z0-9._~+\/-]{20,}=*/\1[REDACTED:bearer]/g'
  -e 's/([Bb]asic[ ]+)[A-Za-z0-9+\/]{12,}=*/\1[REDACTED:basic-auth]/g'
  -e 's/([Xx]-[Aa]pi-[Kk]ey["'"'"']?[ ]*[:=][ ]*["'"'"']?)[A-Za-z0-9]{20,}/\1[REDACTED:api-key]/g'
  -e 's/((password|passwd|pwd|secret|token|api_key|apikey)["'"'"']?[ ]*[:=][ ]*["'"'"']?)[^"'"'"' ,;]{8,}/\1[REDACTED:generic-secret]/g'
)

best() { local b=999999 s e t; for _ in 1 2 3; do s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); t=$(python3 -c "print($e-$s)"); b=$(python3 -c "print(min($b,$t))"); done; printf '%.2f' "$b"; }
run_sed() { LC_ALL=C sed "${SED_ARGS[@]}" "${FILES[@]}" >/dev/null; }
run_redact() { "$TH" redact --quiet "${FILES[@]}" >/dev/null; }
run_scan() { "$TH" scan "$DATA" --secrets-only --jobs 1 --format json --output /dev/null --no-progress --no-default-excludes --max-file-size 4294967296; }

T_REDACT=$(best run_redact)
T_SCAN=$(best run_scan)
T_SED=$(best run_sed)
SIZE=$(cat "${FILES[@]}" | wc -c)
MBS=$(python3 -c "print($SIZE/1048576)")
"$TH" redact "${FILES[@]}" 2>"$WORK/redact-summary.txt" >/dev/null || true
echo "| tool (one core) | seconds (best of 3) | MB/s |"
echo "|---|---|---|"
echo "| tokenhound redact | $T_REDACT | $(python3 -c "print(f'{$MBS/$T_REDACT:.0f}')") |"
echo "| tokenhound scan --secrets-only --jobs 1 | $T_SCAN | $(python3 -c "print(f'{$MBS/$T_SCAN:.0f}')") |"
echo "| GNU sed -E (8 patterns) | $T_SED | $(python3 -c "print(f'{$MBS/$T_SED:.0f}')") |"
echo
echo "redact vs sed: $(python3 -c "print(f'{$T_SED/$T_REDACT:.1f}')")x sed's throughput (target >= 5x)"
echo "redact / scan time: $(python3 -c "print(f'{$T_REDACT/$T_SCAN:.2f}')") (target <= 1.3)"
echo "data: $(python3 -c "print(f'{$MBS:.0f}')") MB in ${#FILES[@]} files, $(nproc) cores, $(sed --version | head -1)"
echo "redact summary:"; sed 's/^/  /' "$WORK/redact-summary.txt"
