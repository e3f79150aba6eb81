# Generates the CloudTrail samples of the THT rules (record fields as in the CloudTrail record contents reference).
import json, os, uuid, random, hashlib
random.seed(5)
ACCT = "111122223333"
BASE = os.path.dirname(os.path.abspath(__file__))  # writes testdata/<RuleId>/{positive,negative}/
def rid(seed):
    h = hashlib.sha1(seed.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"
counter = [0]
def ev(time, source, name, ip, ua, ident, req=None, resp=None, readonly=True, region="us-east-1", extra=None):
    counter[0] += 1
    e = {
        "eventVersion": "1.09",
        "userIdentity": ident,
        "eventTime": time,
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": ip,
        "userAgent": ua,
        "requestParameters": req,
        "responseElements": resp,
        "requestID": rid(f"req{counter[0]}{name}{time}"),
        "eventID": rid(f"evt{counter[0]}{name}{time}"),
        "readOnly": readonly,
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": ACCT,
        "eventCategory": "Management",
    }
    if extra: e.update(extra)
    return e
def role_identity(role, session, key, ec2=None, created="2024-04-02T09:55:12Z", ptype="AssumedRole"):
    ctx = {"sessionIssuer": {"type": "Role", "principalId": "AROAQ3FAKEROLEID7ABC", "arn": f"arn:aws:iam::{ACCT}:role/{role}", "accountId": ACCT, "userName": role},
           "webIdFederationData": {}, "attributes": {"creationDate": created, "mfaAuthenticated": "false"}}
    if ec2: ctx["ec2RoleDelivery"] = ec2
    return {"type": ptype, "principalId": f"AROAQ3FAKEROLEID7ABC:{session}", "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role}/{session}", "accountId": ACCT, "accessKeyId": key, "sessionContext": ctx}
def user_identity(user, key):
    return {"type": "IAMUser", "principalId": "AIDAQ3FAKEUSERID7XYZ", "arn": f"arn:aws:iam::{ACCT}:user/{user}", "accountId": ACCT, "accessKeyId": key, "userName": user}
def service_identity(svc):
    return {"type": "AWSService", "invokedBy": svc}
CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/s3.ls"
MAC = "aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64 prompt/off command/s3.ls"
SDKJ = "aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_EC2 io/sync http/Apache cfg/retry-mode/legacy"
EC2SDK = "aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy"
LAMBDA_UA = "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.219-229.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145"
def write(rule, kind, name, records, gz=False):
    d = os.path.join(BASE, rule, kind); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w") as f:
        json.dump({"Records": records}, f, indent=2)
        f.write("\n")

def assume_by_ec2(time, role, inst, key):
    return ev(time, "sts.amazonaws.com", "AssumeRole", "ec2.amazonaws.com", "ec2.amazonaws.com", service_identity("ec2.amazonaws.com"),
              req={"roleArn": f"arn:aws:iam::{ACCT}:role/{role}", "roleSessionName": inst},
              resp={"credentials": {"accessKeyId": key, "sessionToken": "<redacted-by-sample>", "expiration": "Apr 2, 2024, 4:00:00 PM"}, "assumedRoleUser": {"assumedRoleId": f"AROAQ3FAKEROLEID7ABC:{inst}", "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role}/{inst}"}},
              readonly=True, extra={"sharedEventID": rid("shared"+inst)})

# ---------- THT001 ----------
K1 = "ASIAQ3FAKEEC2KEY2ABC"
inst = "i-0a1b2c3d4e5f67890"
recs = [
  assume_by_ec2("2024-04-02T09:55:12Z", "web-app-role", inst, K1),
  ev("2024-04-02T10:00:03Z", "ssm.amazonaws.com", "UpdateInstanceInformation", "198.51.100.20", "aws-sdk-go/1.50.8 (go1.21.6; linux; amd64) amazon-ssm-agent/3.3.40.0", role_identity("web-app-role", inst, K1, ec2="2.0"), req={"instanceId": inst, "agentVersion": "3.3.40.0"}, readonly=False),
  ev("2024-04-02T10:02:41Z", "s3.amazonaws.com", "GetObject", "10.0.1.23", EC2SDK, role_identity("web-app-role", inst, K1, ec2="2.0"), req={"bucketName": "web-app-assets", "key": "config/app.json", "Host": "web-app-assets.s3.us-east-1.amazonaws.com"}, extra={"vpcEndpointId": "vpce-0f1e2d3c4b5a69788", "eventCategory": "Data", "managementEvent": False}),
  ev("2024-04-02T10:03:10Z", "kms.amazonaws.com", "Decrypt", "AWS Internal", "AWS Internal", dict(role_identity("web-app-role", inst, K1, ec2="2.0"), invokedBy="secretsmanager.amazonaws.com"), req={"encryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
  ev("2024-04-02T10:05:55Z", "dynamodb.amazonaws.com", "DescribeTable", "198.51.100.20", EC2SDK, role_identity("web-app-role", inst, K1, ec2="2.0"), req={"tableName": "orders"}),
  ev("2024-04-02T10:41:07Z", "s3.amazonaws.com", "ListBuckets", "203.0.113.77", MAC, role_identity("web-app-role", inst, K1, ec2="2.0"), req={"Host": "s3.us-east-1.amazonaws.com"}),
  ev("2024-04-02T10:42:30Z", "s3.amazonaws.com", "GetObject", "203.0.113.77", MAC, role_identity("web-app-role", inst, K1, ec2="2.0"), req={"bucketName": "web-app-backups", "key": "db/2024-04-01.sql.gz", "Host": "web-app-backups.s3.us-east-1.amazonaws.com"}, extra={"eventCategory": "Data", "managementEvent": False}),
]
write("THT001", "positive", "111122223333_CloudTrail_us-east-1_20240402T1045Z_ec2exfil.json", recs)
K1b = "ASIAQ3FAKEEC2KEY3DEF"
inst2 = "i-07f6e5d4c3b2a1098"
recs = [
  assume_by_ec2("2024-04-03T08:00:00Z", "batch-role", inst2, K1b),
  ev("2024-04-03T08:01:00Z", "ec2.amazonaws.com", "DescribeTags", "198.51.100.44", EC2SDK, role_identity("batch-role", inst2, K1b, ec2="2.0"), req={"filterSet": {"items": [{"name": "resource-id", "valueSet": {"items": [{"value": inst2}]}}]}}),
  ev("2024-04-03T08:02:00Z", "s3.amazonaws.com", "PutObject", "10.20.3.4", EC2SDK, role_identity("batch-role", inst2, K1b, ec2="2.0"), req={"bucketName": "batch-out", "key": "run/1.csv"}, readonly=False, extra={"vpcEndpointId": "vpce-0a9b8c7d6e5f40312", "eventCategory": "Data", "managementEvent": False}),
  ev("2024-04-03T08:03:00Z", "kms.amazonaws.com", "GenerateDataKey", "s3.amazonaws.com", "s3.amazonaws.com", dict(role_identity("batch-role", inst2, K1b, ec2="2.0"), invokedBy="s3.amazonaws.com"), req={"keyId": "alias/aws/s3"}),
  ev("2024-04-03T08:04:00Z", "logs.amazonaws.com", "CreateLogStream", "198.51.100.44", EC2SDK, role_identity("batch-role", inst2, K1b, ec2="2.0"), req={"logGroupName": "/batch/app", "logStreamName": inst2}, readonly=False),
  ev("2024-04-03T08:05:00Z", "sts.amazonaws.com", "GetCallerIdentity", "2001:db8:4006:812::200e", EC2SDK, role_identity("batch-role", inst2, K1b, ec2="2.0")) | {"sourceIPAddress": "fd00:ec2::254"},
  ev("2024-04-03T08:06:00Z", "ec2.amazonaws.com", "DescribeInstances", "198.51.100.44", EC2SDK, role_identity("batch-role", inst2, K1b, ec2="2.0")),
]
write("THT001", "negative", "111122223333_CloudTrail_us-east-1_20240403T0810Z_ec2normal.json", recs)

# ---------- THT002 ----------
K2 = "ASIAQ3FAKELAMBDAKEY2"
fn = "orders-api"
lam = lambda t, s, n, ip, ua=LAMBDA_UA, req=None: ev(t, s, n, ip, ua, role_identity("orders-api-role", fn, K2, created="2024-05-10T07:58:01Z"), req=req)
recs = [
  lam("2024-05-10T08:00:01Z", "dynamodb.amazonaws.com", "GetItem", "192.0.2.10", req={"tableName": "orders", "key": {"pk": {}}}),
  lam("2024-05-10T08:00:02Z", "sqs.amazonaws.com", "SendMessage", "192.0.2.10", req={"queueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/orders-events"}),
  lam("2024-05-10T08:03:40Z", "dynamodb.amazonaws.com", "PutItem", "192.0.2.11", req={"tableName": "orders"}),
  lam("2024-05-10T08:20:15Z", "sts.amazonaws.com", "GetCallerIdentity", "198.51.100.99", ua="aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/sts.get-caller-identity"),
  lam("2024-05-10T08:21:02Z", "dynamodb.amazonaws.com", "Scan", "198.51.100.99", ua="aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/dynamodb.scan", req={"tableName": "orders"}),
]
write("THT002", "positive", "111122223333_CloudTrail_us-east-1_20240510T0825Z_lambdaexfil.json", recs)
K2b = "ASIAQ3FAKELAMBDAKEY3"
lam2 = lambda t, s, n, ip, ua=LAMBDA_UA, req=None, ident=None: ev(t, s, n, ip, ua, ident or role_identity("thumbs-role", "thumbnailer", K2b), req=req)
recs = [
  lam2("2024-05-11T08:00:01Z", "s3.amazonaws.com", "GetObject", "192.0.2.30", req={"bucketName": "uploads", "key": "a.png"}),
  lam2("2024-05-11T08:00:05Z", "s3.amazonaws.com", "PutObject", "192.0.2.31", req={"bucketName": "thumbs", "key": "a.png"}),
  lam2("2024-05-11T08:00:06Z", "kms.amazonaws.com", "GenerateDataKey", "s3.amazonaws.com", ua="s3.amazonaws.com", ident=dict(role_identity("thumbs-role", "thumbnailer", K2b), invokedBy="s3.amazonaws.com")),
  lam2("2024-05-11T08:00:09Z", "s3.amazonaws.com", "GetObject", "192.0.2.30", ua="aws-sdk-nodejs/2.1500.0 linux/v20.11.1 exec-env/AWS_Lambda_nodejs20.x promise", req={"bucketName": "uploads", "key": "b.png"}),
  lam2("2024-05-11T08:00:10Z", "logs.amazonaws.com", "PutLogEvents", "10.1.2.3", ua="Apache-HttpClient/4.5.14 (Java/17.0.10)"),
]
write("THT002", "negative", "111122223333_CloudTrail_us-east-1_20240511T0805Z_lambdanormal.json", recs)

# ---------- THT003 ----------
K3 = "AKIAQ3FAKEMULTIKEY23"
u = user_identity("reporting-bot", K3)
recs = [
  ev("2024-06-01T12:00:00Z", "s3.amazonaws.com", "ListObjects", "203.0.113.10", CLI, u, req={"bucketName": "reports"}),
  ev("2024-06-01T12:05:00Z", "s3.amazonaws.com", "GetObject", "203.0.113.11", CLI, u, req={"bucketName": "reports", "key": "q1.csv"}),
  ev("2024-06-01T12:20:00Z", "s3.amazonaws.com", "ListObjects", "198.51.100.10", "python-requests/2.31.0", u, req={"bucketName": "reports"}),
  ev("2024-06-01T12:31:00Z", "s3.amazonaws.com", "GetObject", "192.0.2.200", "Go-http-client/1.1", u, req={"bucketName": "reports", "key": "q2.csv"}),
]
write("THT003", "positive", "111122223333_CloudTrail_us-east-1_20240601T1235Z_multinet.json", recs)
K3b = "AKIAQ3FAKEMULTIKEY45"
u = user_identity("backup-bot", K3b)
recs = [
  ev("2024-06-02T01:00:00Z", "s3.amazonaws.com", "PutObject", "203.0.113.10", CLI, u, req={"bucketName": "backups", "key": "a"}, readonly=False),
  ev("2024-06-02T01:10:00Z", "s3.amazonaws.com", "PutObject", "198.51.100.10", CLI, u, req={"bucketName": "backups", "key": "b"}, readonly=False),
  ev("2024-06-02T03:30:00Z", "s3.amazonaws.com", "PutObject", "192.0.2.200", CLI, u, req={"bucketName": "backups", "key": "c"}, readonly=False),
  ev("2024-06-02T03:40:00Z", "s3.amazonaws.com", "PutObject", "255.090.254.5", CLI, u, req={"bucketName": "backups", "key": "d"}, readonly=False),
  ev("2024-06-02T03:45:00Z", "s3.amazonaws.com", "PutObject", "10.0.0.8", CLI, u, req={"bucketName": "backups", "key": "e"}, readonly=False),
]
write("THT003", "negative", "111122223333_CloudTrail_us-east-1_20240602T0345Z_twonets.json", recs)

# ---------- THT004 ----------
K4 = "AKIAQ3FAKERECONKEY23"
u = user_identity("deploy-bot", K4)
hist = [ev(f"2024-07-01T0{h}:00:00Z", "cloudformation.amazonaws.com", "DescribeStacks", "203.0.113.50", CLI, u, req={"stackName": "web"}) for h in range(1, 7)]
recs = hist + [
  ev("2024-07-01T07:10:00Z", "sts.amazonaws.com", "GetCallerIdentity", "198.51.100.66", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.2 Botocore/1.34.0", u),
  ev("2024-07-01T07:10:04Z", "s3.amazonaws.com", "ListBuckets", "198.51.100.66", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.2 Botocore/1.34.0", u),
  ev("2024-07-01T07:10:09Z", "iam.amazonaws.com", "ListUsers", "198.51.100.66", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.2 Botocore/1.34.0", u, region="us-east-1"),
  ev("2024-07-01T07:10:15Z", "iam.amazonaws.com", "GetAccountAuthorizationDetails", "198.51.100.66", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.2 Botocore/1.34.0", u) | {"errorCode": "AccessDenied", "errorMessage": "User: arn:aws:iam::111122223333:user/deploy-bot is not authorized to perform: iam:GetAccountAuthorizationDetails"},
]
write("THT004", "positive", "111122223333_CloudTrail_us-east-1_20240701T0715Z_recon.json", recs)
K4b = "AKIAQ3FAKESCANKEY234"
recs = [ev("2024-07-02T03:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", "192.0.2.99", "TruffleHog aws-sdk-go/1.55.5 (go1.22.5; linux; amd64)", user_identity("old-ci", K4b))]
write("THT004", "positive", "111122223333_CloudTrail_us-east-1_20240702T0305Z_scanner.json", recs)
K4c = "AKIAQ3FAKERECONKEY45"
u = user_identity("ops-admin", K4c)
hist = [ev(f"2024-07-03T0{h}:00:00Z", "ec2.amazonaws.com", "DescribeInstances", "203.0.113.60", MAC, u) for h in range(1, 7)]
recs = hist + [
  ev("2024-07-03T07:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", "203.0.113.60", MAC, u),
  ev("2024-07-03T07:00:05Z", "s3.amazonaws.com", "ListBuckets", "203.0.113.60", MAC, u),
  ev("2024-07-03T07:00:09Z", "iam.amazonaws.com", "ListUsers", "203.0.113.61", MAC, u),
  ev("2024-07-03T09:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", "198.51.100.70", MAC, u),
  ev("2024-07-03T09:00:30Z", "s3.amazonaws.com", "ListBuckets", "198.51.100.70", MAC, u),
  ev("2024-07-03T09:01:00Z", "s3.amazonaws.com", "ListObjects", "198.51.100.70", MAC, u, req={"bucketName": "ops"}),
]
write("THT004", "negative", "111122223333_CloudTrail_us-east-1_20240703T0905Z_familiar.json", recs)

# ---------- THT005 ----------
K5 = "AKIAQ3FAKEPERSISTK23"
K6 = "AKIAQ3FAKENEWKEY2345"
u = user_identity("ci-deploy", K5)
hist = [ev(f"2024-08-01T0{h}:00:00Z", "cloudformation.amazonaws.com", "DescribeStackEvents", "203.0.113.80", CLI, u, req={"stackName": "api"}) for h in range(1, 7)]
recs = hist + [
  ev("2024-08-01T07:30:00Z", "iam.amazonaws.com", "CreateAccessKey", "198.51.100.23", "aws-cli/2.13.0 Python/3.11.4 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/iam.create-access-key", u,
     req={"userName": "ci-deploy"}, resp={"accessKey": {"accessKeyId": K6, "status": "Active", "userName": "ci-deploy", "createDate": "Aug 1, 2024, 7:30:00 AM"}}, readonly=False),
  ev("2024-08-01T07:45:00Z", "s3.amazonaws.com", "ListBuckets", "198.51.100.23", "aws-cli/2.13.0 Python/3.11.4 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/s3.ls", user_identity("ci-deploy", K6)),
]
write("THT005", "positive", "111122223333_CloudTrail_us-east-1_20240801T0750Z_persist.json", recs)
K5b = "AKIAQ3FAKEPERSISTK45"
u = user_identity("dev-alice", K5b)
hist = [ev(f"2024-08-02T0{h}:00:00Z", "ec2.amazonaws.com", "DescribeInstances", "203.0.113.90", MAC, u) for h in range(1, 7)]
recs = hist + [
  ev("2024-08-02T07:00:00Z", "sts.amazonaws.com", "GetSessionToken", "203.0.113.90", MAC, u, req={"durationSeconds": 43200, "serialNumber": "arn:aws:iam::111122223333:mfa/dev-alice", "tokenCode": "HIDDEN_DUE_TO_SECURITY_REASONS"},
     resp={"credentials": {"accessKeyId": "ASIAQ3FAKESESSKEY234", "sessionToken": "<redacted-by-sample>", "expiration": "Aug 2, 2024, 7:00:00 PM"}}),
  assume_by_ec2("2024-08-02T07:05:00Z", "web-app-role", "i-0fedcba9876543210", "ASIAQ3FAKEEC2KEY4GHI"),
  ev("2024-08-02T07:10:00Z", "sts.amazonaws.com", "AssumeRole", "203.0.113.90", MAC, u, req={"roleArn": "arn:aws:iam::111122223333:role/admin", "roleSessionName": "alice"},
     resp={"credentials": {"accessKeyId": "ASIAQ3FAKEADMINKEY23", "sessionToken": "<redacted-by-sample>", "expiration": "Aug 2, 2024, 8:10:00 AM"}, "assumedRoleUser": {"assumedRoleId": "AROAQ3FAKEROLEID7ABC:alice", "arn": "arn:aws:sts::111122223333:assumed-role/admin/alice"}}),
]
write("THT005", "negative", "111122223333_CloudTrail_us-east-1_20240802T0715Z_normal.json", recs)

# ---------- THT006 ----------
K7 = "ASIAQ3FAKEHARVESTK23"
ident = role_identity("support-tools-role", "jdoe", K7)
recs = []
for i in range(24):
    recs.append(ev(f"2024-09-01T10:0{i//10}:{(i%10)*6:02d}Z", "secretsmanager.amazonaws.com", "GetSecretValue", "203.0.113.120", CLI, ident, req={"secretId": f"arn:aws:secretsmanager:us-east-1:{ACCT}:secret:prod/service-{i:02d}-AbCdEf"}))
write("THT006", "positive", "111122223333_CloudTrail_us-east-1_20240901T1005Z_harvest.json", recs)
K7b = "ASIAQ3FAKEHARVESTK45"
ident = role_identity("app-role", "app", K7b)
recs = []
for i in range(40):
    recs.append(ev(f"2024-09-02T10:0{i//10}:{(i%10)*5:02d}Z", "secretsmanager.amazonaws.com", "GetSecretValue", "203.0.113.121", SDKJ, ident, req={"secretId": ["prod/db", "prod/api-key"][i % 2]}))
for i in range(30):
    recs.append(ev(f"2024-09-02T10:0{i//10}:{(i%10)*5+1:02d}Z", "ssm.amazonaws.com", "GetParameter", "203.0.113.121", SDKJ, ident, req={"name": f"/app/flag-{i}", "withDecryption": False}))
for i in range(30):
    recs.append(ev(f"2024-09-02T10:0{i//10}:{(i%10)*5+2:02d}Z", "kms.amazonaws.com", "Decrypt", "AWS Internal", "AWS Internal", dict(ident, invokedBy="secretsmanager.amazonaws.com"), req={"encryptionAlgorithm": "SYMMETRIC_DEFAULT"}))
recs.sort(key=lambda r: r["eventTime"])
write("THT006", "negative", "111122223333_CloudTrail_us-east-1_20240902T1005Z_appreads.json", recs)
print("ok")

# ---------- THT007 (needs the test GeoIP database: 203.0.113.0/24 DE Berlin, 198.51.100.0/24 US San Francisco, 192.0.2.0/24 NL Tor exit) ----------
K8 = "AKIAQ3FAKETRAVELK234"
u = user_identity("analytics-bot", K8)
recs = [
  ev("2024-10-01T09:00:00Z", "s3.amazonaws.com", "ListBuckets", "203.0.113.5", CLI, u),
  ev("2024-10-01T09:20:00Z", "s3.amazonaws.com", "ListBuckets", "198.51.100.7", CLI, u),
]
K9 = "AKIAQ3FAKETORKEY2345"
recs.append(ev("2024-10-01T11:00:00Z", "sts.amazonaws.com", "GetCallerIdentity", "192.0.2.66", "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0 lang/python#3.11.2 Botocore/1.34.0", user_identity("old-ci", K9)))
write("THT007", "positive", "111122223333_CloudTrail_us-east-1_20241001T1105Z_travel.json", recs)
u = user_identity("analytics-bot", K8)
recs = [
  ev("2024-10-02T09:00:00Z", "s3.amazonaws.com", "ListBuckets", "203.0.113.5", CLI, u),
  ev("2024-10-02T21:30:00Z", "s3.amazonaws.com", "ListBuckets", "198.51.100.7", CLI, u),
  ev("2024-10-02T21:35:00Z", "s3.amazonaws.com", "ListObjects", "198.51.100.8", CLI, u, req={"bucketName": "analytics"}),
]
write("THT007", "negative", "111122223333_CloudTrail_us-east-1_20241002T2140Z_flight.json", recs)
