#!/usr/bin/env bash
# tokenhound trail vs jq vs DuckDB on the same gzip CloudTrail files.
#
#   bench/trail-bench.sh [MILLION_EVENTS] [WORK_DIR]
#   PEERS=0 bench/trail-bench.sh 10      # tokenhound only (the 10-million-event memory check; jq would take an hour)
#
# Generates MILLION_EVENTS million CloudTrail records (default 1) in an S3-layout tree of per-5-minute .json.gz files
# (~1,000 records per file, two accounts, several regions, realistic record shapes), then times:
#   - tokenhound trail DIR (all detections, --format json to /dev/null), Release build
#   - jq computing a per-access-key count:  zcat | jq -n 'reduce (inputs|.Records[]) ...'
#   - DuckDB read_json over the same files with a per-key GROUP BY (npm @duckdb/node-api; skipped if npm cannot install it)
# and prints events/s for each, plus tokenhound's peak RSS (/usr/bin/time -v when present).
set -euo pipefail
M=${1:-1}
WORK=${2:-/tmp/trail-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EVENTS=$(python3 -c "print(int(float('$M') * 1000000))")
DATA="$WORK/data-$M"
mkdir -p "$WORK"

if [ ! -f "$DATA/.done" ]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  echo "generating $EVENTS events in $DATA …" >&2
  python3 - "$DATA" "$EVENTS" <<'PY'
import gzip, os, random, sys, datetime
out, total = sys.argv[1], int(sys.argv[2])
random.seed(1)
accounts = ["111122223333", "444455556666"]
regions = ["us-east-1", "us-west-2", "eu-west-1"]
names = [("s3.amazonaws.com", "GetObject"), ("s3.amazonaws.com", "PutObject"), ("dynamodb.amazonaws.com", "GetItem"),
         ("sts.amazonaws.com", "AssumeRole"), ("kms.amazonaws.com", "Decrypt"), ("ec2.amazonaws.com", "DescribeInstances"),
         ("lambda.amazonaws.com", "Invoke"), ("secretsmanager.amazonaws.com", "GetSecretValue"), ("logs.amazonaws.com", "PutLogEvents")]
b32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
keys = ["ASIA" + "".join(random.choice(b32) for _ in range(16)) for _ in range(5000)] + ["AKIA" + "".join(random.choice(b32) for _ in range(16)) for _ in range(50)]
ips = [f"198.51.100.{i}" for i in range(1, 200)] + [f"203.0.113.{i}" for i in range(1, 200)] + ["AWS Internal", "s3.amazonaws.com", "10.0.1.17"]
uas = ["aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
       "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.219-229.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145",
       "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/s3.cp"]
REC = ('{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAQ3FAKEROLEID7ABC:%s","arn":"arn:aws:sts::%s:assumed-role/app-role-%d/%s",'
       '"accountId":"%s","accessKeyId":"%s","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAQ3FAKEROLEID7ABC","arn":"arn:aws:iam::%s:role/app-role-%d",'
       '"accountId":"%s","userName":"app-role-%d"},"webIdFederationData":{},"attributes":{"creationDate":"%s","mfaAuthenticated":"false"}}},'
       '"eventTime":"%s","eventSource":"%s","eventName":"%s","awsRegion":"%s","sourceIPAddress":"%s","userAgent":"%s",'
       '"requestParameters":{"bucketName":"data-%d","key":"objects/%d.json"},"responseElements":null,"requestID":"%08x-1111-4222-8333-%012x","eventID":"%08x-aaaa-4bbb-8ccc-%012x",'
       '"readOnly":true,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::data-%d/objects/%d.json"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"%s","eventCategory":"Data"}')
start = datetime.datetime(2024, 6, 1, tzinfo=datetime.timezone.utc)
per_file = 1000
n = 0
f_index = 0
while n < total:
    acct = accounts[f_index % 2]; region = regions[f_index % 3]
    t0 = start + datetime.timedelta(minutes=5 * (f_index // 6))  # one file per account and region every 5 minutes
    stamp = (t0 + datetime.timedelta(minutes=5)).strftime("%Y%m%dT%H%MZ")
    d = os.path.join(out, "AWSLogs", acct, "CloudTrail", region, t0.strftime("%Y/%m/%d"))
    os.makedirs(d, exist_ok=True)
    recs = []
    for i in range(min(per_file, total - n)):
        k = random.randrange(len(keys)); role = k % 40; sess = f"i-0{k:016x}"[:19] if k % 3 == 0 else f"fn-{k}"
        src, name = names[(n + i) % len(names)]
        t = (t0 + datetime.timedelta(milliseconds=random.randrange(300000))).strftime("%Y-%m-%dT%H:%M:%SZ")
        ip = ips[k % len(ips)]
        recs.append(REC % (sess, acct, role, sess, acct, keys[k], acct, role, acct, role, t, t, src, name, region, ip, uas[k % 3], k % 97, n + i, n + i, n + i, n + i, n + i, k % 97, n + i, acct))
    body = '{"Records":[' + ",".join(recs) + "]}"
    with gzip.open(os.path.join(d, f"{acct}_CloudTrail_{region}_{stamp}_{f_index:08x}.json.gz"), "wt", compresslevel=1) as g:
        g.write(body)
    n += len(recs); f_index += 1
print(f"{f_index} files", file=sys.stderr)
PY
  touch "$DATA/.done"
fi
FILES=$(find "$DATA" -name '*.json.gz' | wc -l)
SIZE=$(du -sh "$DATA" | cut -f1)
echo "data: $EVENTS events, $FILES files, $SIZE gzip" >&2

# tokenhound (Release)
dotnet build "$ROOT/src/TokenHound.Cli" -c Release --artifacts-path "$WORK/art" -v q -nologo >/dev/null
TH="$WORK/art/bin/TokenHound.Cli/release/tokenhound"
[ -x "$TH" ] || TH="dotnet $WORK/art/bin/TokenHound.Cli/release/tokenhound.dll"
timeit() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
rate() { python3 -c "print(f'{$EVENTS/$1:,.0f}')"; }

T_TH=$(timeit $TH trail "$DATA" --format json --output /dev/null --no-progress --fail-on critical)
RSS="n/a"
if [ -x /usr/bin/time ]; then
  RSS=$( { /usr/bin/time -v $TH trail "$DATA" --format json --output /dev/null --no-progress >/dev/null 2>/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2/1024 " MB"}' || true)
fi

if [ "${PEERS:-1}" = 0 ]; then
  echo "| tokenhound trail (7 detections) | $T_TH s | $(rate $T_TH) events/s | peak RSS $RSS | $FILES files, $SIZE gzip |"
  exit 0
fi

T_JQ=$(timeit bash -c "find '$DATA' -name '*.json.gz' -print0 | xargs -0 zcat | jq -n 'reduce (inputs | .Records[] | (.userIdentity.accessKeyId // \"-\")) as \$k ({}; .[\$k] += 1) | length'")

T_DUCK="skipped"
if command -v npm >/dev/null; then
  mkdir -p "$WORK/duck"
  if [ ! -d "$WORK/duck/node_modules/@duckdb/node-api" ]; then
    (cd "$WORK/duck" && npm init -y >/dev/null 2>&1 && npm install --silent @duckdb/node-api >/dev/null 2>&1) || true
  fi
  if [ -d "$WORK/duck/node_modules/@duckdb/node-api" ]; then
    cat > "$WORK/duck/count.mjs" <<JS
import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const r = await c.runAndReadAll(\`SELECT r.userIdentity.accessKeyId AS k, count(*) AS n FROM (SELECT unnest(Records) AS r FROM read_json('$DATA/AWSLogs/**/*.json.gz', format='auto', maximum_object_size=1073741824)) GROUP BY k\`);
console.log(r.getRows().length);
JS
    T_DUCK=$(cd "$WORK/duck" && timeit node count.mjs)
  fi
fi

echo
echo "| tool | seconds | events/s |"
echo "|---|---|---|"
echo "| tokenhound trail (7 detections) | $T_TH | $(rate $T_TH) |"
echo "| jq per-key count | $T_JQ | $(rate $T_JQ) |"
if [ "$T_DUCK" != "skipped" ]; then echo "| DuckDB read_json per-key count | $T_DUCK | $(rate $T_DUCK) |"; else echo "| DuckDB | skipped (npm @duckdb/node-api not installable) | |"; fi
echo
echo "tokenhound peak RSS: $RSS; $FILES files, $SIZE gzip, $(nproc) cores"
