#!/usr/bin/env bash
# History scan vs `git log -p --all | rg -j1` (same combined regex as e2e.sh).
# Usage: bench/history-bench.sh REPO TOKENHOUND_DLL   (make a repo with: python3 bench/history-genrepo.py DEST [COMMITS=3000])
set -u
repo=$1; th=$2
B='(?-u:\b)'
regex="${B}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${B}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*|(?i:bearer)[ \t]+[A-Za-z0-9._~+/-]{16,}=*|(?i:basic)[ \t]+[A-Za-z0-9+/]{8,}=*|(?i:x-api-key)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9]{20,}|(?i:aws_secret_access_key|secretaccesskey|secret_access_key)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9/+]{40}${B}|(?i:aws_session_token|sessiontoken|x-amz-security-token)[\"']?[ \t]*[:=][ \t]*[\"']?[A-Za-z0-9/+=]{100,}|-----BEGIN[ A-Z]*PRIVATE KEY-----|(?i:password|passwd|secret|token|api_?key)[\"']?[ \t]*[:=][ \t]*[\"'][^\"' \t]{12,}[\"']"
echo "repo: $repo  commits: $(git -C "$repo" rev-list --all | wc -l)  blobs: $(git -C "$repo" rev-list --all --objects | cut -d' ' -f1 | git -C "$repo" cat-file --batch-check='%(objecttype)' | grep -c blob)  pack: $(du -sh "$repo/.git/objects/pack" | cut -f1)"
git -C "$repo" log -p --all > /dev/null   # warm caches
t() { local s=$(date +%s.%N); "$@"; local e=$(date +%s.%N); echo "$(echo "$e - $s" | bc)"; }
for i in 1 2 3; do
  s=$(date +%s.%N); n=$(git -C "$repo" log -p --all | rg -j1 -c -e "$regex"); e=$(date +%s.%N)
  echo "git log -p --all | rg -j1 : $(echo "$e - $s" | bc) s  ($n matching lines; log -p output $(git -C "$repo" log -p --all | wc -c) bytes)"
done
for jobs in 1 2; do
  for mode in --secrets-only ""; do
    for i in 1 2 3; do
      s=$(date +%s.%N)
      dotnet "$th" scan "$repo" --history $mode --jobs $jobs --format json --output "${TMPDIR:-/tmp}/th-history-out.json" --no-progress --fail-on critical >/dev/null 2>"${TMPDIR:-/tmp}/th-history-err.txt"
      e=$(date +%s.%N)
      echo "tokenhound scan --history $mode --jobs $jobs : $(echo "$e - $s" | bc) s  (findings: $(python3 -c "import json;d=json.load(open('"${TMPDIR:-/tmp}/th-history-out.json"'));print(len(d.get('findings',[])), {k:v for k,v in d.get('stats',{}).items()})" 2>/dev/null))"
    done
  done
done
