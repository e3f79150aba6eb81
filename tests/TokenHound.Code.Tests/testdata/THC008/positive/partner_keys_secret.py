"""Nightly settlement import (EventBridge schedule -> Lambda).

The acquirer only grants access to its drop bucket through an IAM user of its own account; that user's access keys
are kept in Secrets Manager.
"""
import json
import logging
import os

import boto3

logger = logging.getLogger()
_secrets = boto3.client("secretsmanager")


def _secret_json(secret_id):
    return json.loads(_secrets.get_secret_value(SecretId=secret_id)["SecretString"])


def _partner_s3():
    cfg = _secret_json(os.environ["PARTNER_KEYS_SECRET_ID"])
    return boto3.client("s3", region_name=cfg.get("region", "eu-west-1"), aws_access_key_id=cfg["access_key_id"], aws_secret_access_key=cfg["secret_access_key"])  # Noncompliant


def _archive_session():
    raw = _secrets.get_secret_value(SecretId=os.environ["ARCHIVE_KEYS_SECRET_ID"])["SecretString"]
    keys = json.loads(raw)
    return boto3.Session(  # Noncompliant
        aws_access_key_id=keys["AccessKeyId"],
        aws_secret_access_key=keys["SecretAccessKey"],
        region_name="eu-west-1",
    )


def handler(event, context):
    s3 = _partner_s3()
    listing = s3.list_objects_v2(Bucket=os.environ["PARTNER_BUCKET"], Prefix=event["businessDate"])
    _archive_session().client("s3").put_object(Bucket=os.environ["ARCHIVE_BUCKET"], Key="listing.json", Body=json.dumps(listing, default=str))
    logger.info("imported %d settlement files", listing.get("KeyCount", 0))
    return {"files": listing.get("KeyCount", 0)}
