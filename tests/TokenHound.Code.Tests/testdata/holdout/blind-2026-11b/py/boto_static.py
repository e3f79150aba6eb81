import csv
import io
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

# Normal client: picks up the Lambda execution role automatically
s3 = boto3.client("s3")

# Vendor drop bucket in the partner account (keys shared by the vendor)
vendor_s3 = boto3.client("s3", aws_access_key_id="AKIAZ7FAKEKEY2345X7Q", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123", region_name="us-east-1")  # Noncompliant THC008

REQUIRED_COLUMNS = ("sku", "price", "stock")


def _parse_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"missing columns: {missing}")
    return [row for row in reader if row.get("sku")]


def _normalize(row):
    return {"sku": row["sku"].strip().upper(), "price": round(float(row["price"]), 2), "stock": max(0, int(row["stock"]))}


def _legacy_session():
    # the billing account user is configured through Lambda env vars
    return boto3.Session(aws_access_key_id=os.environ["BILLING_KEY_ID"], aws_secret_access_key=os.environ["BILLING_SECRET"])  # Noncompliant THC008


def _export_env_for_cli():
    os.environ["AWS_ACCESS_KEY_ID"] = os.environ["BILLING_KEY_ID"]  # Noncompliant THC008
    os.environ["AWS_SECRET_ACCESS_KEY"] = os.environ["BILLING_SECRET"]  # Noncompliant THC008


def lambda_handler(event, context):
    logger.info("import started request_id=%s", context.aws_request_id)
    obj = vendor_s3.get_object(Bucket="vendor-drop", Key=event["key"])
    rows = [_normalize(r) for r in _parse_csv(obj["Body"].read().decode("utf-8"))]
    s3.put_object(Bucket=os.environ["CATALOG_BUCKET"], Key=f"catalog/{event['key']}", Body=str(rows).encode())
    if event.get("bill"):
        billing = _legacy_session().client("s3")
        billing.put_object(Bucket="billing-usage", Key=event["key"], Body=str(len(rows)).encode())
    if event.get("cli"):
        _export_env_for_cli()
    return {"rows": len(rows)}
