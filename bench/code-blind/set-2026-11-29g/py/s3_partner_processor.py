"""S3 ObjectCreated processor: forwards uploaded shipping manifests to the logistics partner."""
import json
import logging
import os
import urllib.parse

import boto3
import requests

logger = logging.getLogger()
logger.setLevel(logging.DEBUG if os.environ.get("DEBUG_LOGS") == "1" else logging.INFO)

s3 = boto3.client("s3")
secrets = boto3.client("secretsmanager")

# The archive bucket lives in the partner's account; they issued us an IAM user for it.
archive = boto3.client(  # Noncompliant THC008
    "s3",
    aws_access_key_id=os.environ["PARTNER_ARCHIVE_KEY_ID"],
    aws_secret_access_key=os.environ["PARTNER_ARCHIVE_SECRET"],
    region_name="us-east-2",
)

SECRET_ID = os.environ["PARTNER_SECRET_ID"]
PARTNER_BASE = os.environ.get("PARTNER_BASE_URL", "https://api.logistics-partner.example")
ARCHIVE_BUCKET = os.environ.get("ARCHIVE_BUCKET", "partner-manifest-archive")
_cache = {}


def partner_credentials():
    if "creds" not in _cache:
        value = secrets.get_secret_value(SecretId=SECRET_ID)
        _cache["creds"] = json.loads(value["SecretString"])
        logger.info("loaded partner secret %s version %s", value["ARN"], value["VersionId"])
    return _cache["creds"]


def get_access_token(creds):
    resp = requests.post(
        f"{PARTNER_BASE}/oauth2/token",
        data={"grant_type": "client_credentials", "scope": "manifests:write"},
        auth=(creds["client_id"], creds["client_secret"]),
        timeout=10,
    )
    resp.raise_for_status()
    logger.debug("partner token response: %s", resp.json())  # Noncompliant THC001
    return resp.json()["access_token"]


def forward_manifest(bucket, key, token):
    body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    manifest = json.loads(body)
    resp = requests.post(  # Noncompliant THC009
        f"{PARTNER_BASE}/v1/manifests",
        params={"access_token": token, "source": "s3"},
        json=manifest,
        timeout=15,
    )
    logger.info("forwarded s3://%s/%s -> %s (%d items)", bucket, key, resp.status_code, len(manifest.get("items", [])))
    return resp


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    token = get_access_token(partner_credentials())
    failures = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        try:
            resp = forward_manifest(bucket, key, token)
            if resp.ok:
                archive.copy_object(Bucket=ARCHIVE_BUCKET, Key=key, CopySource={"Bucket": bucket, "Key": key})
            else:
                logger.warning("partner rejected %s: HTTP %s", key, resp.status_code)
                failures.append(key)
        except (requests.RequestException, ValueError):
            logger.exception("failed to forward %s", key)
            failures.append(key)
    return {"processed": len(event.get("Records", [])), "failed": failures, "request_id": context.aws_request_id}
