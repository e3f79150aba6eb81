#!/usr/bin/env bash
# tokenhound redact vs GNU sed -E (like-for-like patterns) vs tokenhound scan --secrets-only --jobs 1, on the same bytes.
#
#   bench/redact-bench.sh [MEGABYTES=1024] [WORK_DIR=/tmp/redact-bench] [RUNS=3]
#
#   DATA=/tmp/bench-work/logs   use an existing corpus (its *.log files) instead of generating MEGABYTES of logs
#   TH=/path/to/tokenhound      use this CLI build instead of publishing one (must be a Release build)
#
# Generates MEGABYTES (default 1 GB) of Lambda-style logs with seeded tokens (bench/TokenHound.Bench gen-logs),
# publishes the CLI in Release with ReadyToRun, then times the three tools in turns (redact, scan, sed; RUNS rounds)
# with /usr/bin/time. Each tool is single-threaded (scan with --jobs 1); output goes to /dev/null. Reported per tool:
# the best wall time and the best CPU time (user + sys) of the rounds, MB/s on both, and peak RSS. Targets (issue 6):
# redact >= 5x sed's throughput, and redact <= 1.3x the time of the secrets scan. On a shared machine compare the CPU
# columns: wall time depends on load.
set -euo pipefail
MB=${1:-1024}
WORK=${2:-/tmp/redact-bench}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK"
if [ -z "${DATA:-}" ]; then
  DATA="$WORK/logs-$MB"
  if [ ! -f "$DATA/.done" ]; then
    dotnet run -c Release --project "$ROOT/bench/TokenHound.Bench" --artifacts-path "$WORK/art-bench" -- gen-logs "$DATA" "$MB" >/dev/null
    touch "$DATA/.done"
  fi
fi
if [ -z "${TH:-}" ]; then
  # Published the way a release ships (as bench/e2e.sh): Release, ReadyToRun.
  PUB="$WORK/th-publish"
  dotnet publish "$ROOT/src/TokenHound.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$PUB" --artifacts-path "$WORK/art" -v q -nologo >/dev/null
  TH="$PUB/tokenhound"
fi
mapfile -t FILES < <(find "$DATA" -maxdepth 1 -type f -name '*.log' | sort)
[ "${#FILES[@]}" -gt 0 ] || { echo "no .log files in $DATA" >&2; exit 1; }

# One POSIX ERE per detector, mirroring what each one anchors on (GNU sed 4.x; I = ignore case, as the detectors do
# for their keywords; literal prefixes stay case-sensitive as in the detectors). What sed cannot express is left out
# and makes sed's side cheaper, not dearer: entropy / stop-word / base64-decoding validation, the pairing of a secret
# access key with a key id up to 5 lines away, and multi-line PEM private keys. Order matters as the detectors'
# priorities do: specific kinds first, and the keyword patterns skip values already replaced ('[' is not a value char).
SED_ARGS=(-E
  -e 's/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/[REDACTED:cognito-refresh-token]/g'
  -e 's/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/[REDACTED:jwt]/g'
  -e 's/(FwoGZXIvYXdz|FQoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9\/+=]{88,}/[REDACTED:aws-session-token]/g'
  -e 's/((session|security)[_-]?token[A-Za-z0-9_-]*["'"'"']?[ ]*[:=][ ]*["'"'"']?)[A-Za-z0-9\/+=]{100,}/\1[REDACTED:aws-session-token]/gI'
  -e 's/(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/[REDACTED:aws-access-key-id]/g'
  -e 's/(secret[_-]?(access[_-]?)?key[A-Za-z0-9_]*["'"'"']?[ ]*[:=][ ]*["'"'"']?)[A-Za-z0-9\/+]{40}/\1[REDACTED:aws-secret-access-key]/gI'
  -e 's/(basic[ 	]+)[A-Za-z0-9+\/]{8,}=*/\1[REDACTED:basic-auth]/gI'
  -e 's#(://[^:/@ 	"'"'"']+:)[^@/ 	"'"'"']+@#\1[REDACTED:basic-auth]@#g'
  -e 's/(x-api-key["'"'"']?[ ]*[:=][ ]*["'"'"']?)[A-Za-z0-9_+\/=.-]{20,}/\1[REDACTED:api-key]/gI'
  -e 's/(bearer[ 	]+)[A-Za-z0-9._~+\/-]{16,}=*/\1[REDACTED:bearer]/gI'
  -e 's/((token|secret|password|passwd|pwd|api_key|apikey|api-key)["'"'"']?[ ]*[:=][ ]*["'"'"']?)[^]["'"'"' ,;]{8,}/\1[REDACTED:generic-secret]/gI'
)

run_sed() { LC_ALL=C sed "${SED_ARGS[@]}" "${FILES[@]}"; }
run_redact() { "$TH" redact --quiet "${FILES[@]}"; }
run_scan() { "$TH" scan "${FILES[@]}" --secrets-only --jobs 1 --format json --output /dev/null --no-progress --no-default-excludes --max-file-size 4294967296; }

declare -A WALL CPU RSS
for tool in redact scan sed; do WALL[$tool]=999999; CPU[$tool]=999999; RSS[$tool]=0; done
for _ in $(seq "$RUNS"); do
  for tool in redact scan sed; do
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" bash -c "$(declare -p SED_ARGS FILES TH); $(declare -f run_$tool); run_$tool" >/dev/null 2>&1 || true
    read -r e u s m < <(tail -1 "$WORK/time.txt")
    WALL[$tool]=$(python3 -c "print(min(${WALL[$tool]}, $e))")
    CPU[$tool]=$(python3 -c "print(min(${CPU[$tool]}, $u + $s))")
    RSS[$tool]=$(python3 -c "print(max(${RSS[$tool]}, $m // 1024))")
  done
done
SIZE=$(cat "${FILES[@]}" | wc -c)
MBS=$(python3 -c "print($SIZE/1048576)")
f() { python3 -c "print(f'{$1:$2}')"; }
"$TH" redact "${FILES[@]}" 2>"$WORK/redact-summary.txt" >/dev/null || true
echo "| tool (one thread) | wall s (best of $RUNS) | MB/s wall | CPU s (user+sys, best of $RUNS) | MB/s CPU | peak RSS MB |"
echo "|---|---|---|---|---|---|"
for tool in redact scan sed; do
  case $tool in redact) name="tokenhound redact";; scan) name="tokenhound scan --secrets-only --jobs 1";; sed) name="GNU sed -E (11 patterns)";; esac
  echo "| $name | $(f "${WALL[$tool]}" .2f) | $(f "$MBS/${WALL[$tool]}" .0f) | $(f "${CPU[$tool]}" .2f) | $(f "$MBS/${CPU[$tool]}" .0f) | ${RSS[$tool]} |"
done
echo
echo "redact vs sed: $(f "${WALL[sed]}/${WALL[redact]}" .1f)x sed's throughput on wall time, $(f "${CPU[sed]}/${CPU[redact]}" .1f)x on CPU time (target >= 5x)"
echo "redact / scan time: $(f "${WALL[redact]}/${WALL[scan]}" .2f) on wall time, $(f "${CPU[redact]}/${CPU[scan]}" .2f) on CPU time (target <= 1.3)"
echo "data: $(f "$MBS" .0f) MB in ${#FILES[@]} files ($DATA), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(sed --version | head -1)"
echo "redact summary:"; sed 's/^/  /' "$WORK/redact-summary.txt"
