"""Nightly sync from the 2014 archive account (boto 2) into the data lake (boto3).

Run from cron on the batch host:  python -m jobs.legacy_archive_sync --prefix invoices/
"""
import argparse
import json
import logging
import time

import boto
import boto.s3.connection
import boto3
import requests

log = logging.getLogger("jobs.legacy_archive_sync")

LEGACY_BUCKET = "acme-archive-2014"
LAKE_BUCKET = "acme-lake-raw"
LAKE_ROLE_ARN = "arn:aws:iam::123456789012:role/lake-writer"
INGEST_SECRET_ID = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:lake/ingest-api-AbCdEf"
INGEST_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/lake-ingest"
INGEST_API = "https://ingest.lake.example.com/v1/batches"


def legacy_connection():
    # the 2014 archive account never got a role we could assume
    return boto.connect_s3(  # Noncompliant THC008
        aws_access_key_id="AKIAZ7FAKEP5NW3HJ6QD",
        aws_secret_access_key="Hq2FAKEarchive2014SecretKey0000000000000",
        calling_format=boto.s3.connection.OrdinaryCallingFormat(),
    )


def lake_session():
    sts = boto3.client("sts")
    creds = sts.assume_role(RoleArn=LAKE_ROLE_ARN, RoleSessionName="legacy-archive-sync")["Credentials"]
    print("assumed lake-writer role, credentials: %s" % creds)  # Noncompliant THC001
    log.info("assumed %s until %s", LAKE_ROLE_ARN, creds["Expiration"])
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def ingest_api_key():
    sm = boto3.client("secretsmanager")
    log.info("reading ingest api key from %s", INGEST_SECRET_ID)
    return json.loads(sm.get_secret_value(SecretId=INGEST_SECRET_ID)["SecretString"])["api_key"]


def post_batch(api_key, batch, retries=3):
    """Hand-rolled retry loop; the ingest API predates our shared HTTP client."""
    for attempt in range(1, retries + 1):
        resp = requests.post(INGEST_API, json=batch, headers={"X-Api-Key": api_key}, timeout=30)
        if resp.status_code < 500:
            resp.raise_for_status()
            return resp.json()
        log.warning("ingest attempt %d failed with HTTP %d", attempt, resp.status_code)
        time.sleep(2 ** attempt)
    raise RuntimeError("ingest API unavailable after %d attempts" % retries)


def sync(prefix):
    legacy = legacy_connection().get_bucket(LEGACY_BUCKET)
    lake = lake_session().client("s3")
    api_key = ingest_api_key()
    copied = []
    for key in legacy.list(prefix=prefix):
        body = key.get_contents_as_string()
        lake.put_object(Bucket=LAKE_BUCKET, Key="archive-2014/" + key.name, Body=body)
        copied.append(key.name)
    result = post_batch(api_key, {"source": "archive-2014", "keys": copied})
    sqs = boto3.client("sqs")
    sqs.send_message(  # Noncompliant THC009
        QueueUrl=INGEST_QUEUE_URL,
        MessageBody=json.dumps({"batch_id": result["id"], "keys": len(copied), "api_key": api_key}),
    )
    log.info("synced %d objects, batch %s", len(copied), result["id"])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="")
    sync(parser.parse_args().prefix)
