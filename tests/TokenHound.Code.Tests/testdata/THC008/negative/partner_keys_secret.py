"""Nightly settlement import (EventBridge schedule -> Lambda).

The partner bucket is reached through a role of the acquirer's account; the secret only holds where to find it.
"""
import json
import logging
import os

import boto3

logger = logging.getLogger()
_secrets = boto3.client("secretsmanager")
_sts = boto3.client("sts")


def _secret_json(secret_id):
    return json.loads(_secrets.get_secret_value(SecretId=secret_id)["SecretString"])


def _partner_s3():
    cfg = _secret_json(os.environ["PARTNER_SETTINGS_SECRET_ID"])
    creds = _sts.assume_role(RoleArn=cfg["role_arn"], RoleSessionName="settlement-import", ExternalId=cfg["external_id"])["Credentials"]
    return boto3.client(
        "s3",
        region_name=cfg.get("region", "eu-west-1"),
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def _cached_session():
    # temporary credentials a broker job wrote into a secret, session token included
    cached = _secret_json(os.environ["BROKERED_CREDENTIALS_SECRET_ID"])
    return boto3.Session(
        aws_access_key_id=cached["AccessKeyId"],
        aws_secret_access_key=cached["SecretAccessKey"],
        aws_session_token=cached["SessionToken"],
    )


def handler(event, context):
    s3 = _partner_s3()
    listing = s3.list_objects_v2(Bucket=os.environ["PARTNER_BUCKET"], Prefix=event["businessDate"])
    _cached_session().client("s3").put_object(Bucket=os.environ["ARCHIVE_BUCKET"], Key="listing.json", Body=json.dumps(listing, default=str))
    logger.info("imported %d settlement files", listing.get("KeyCount", 0))
    return {"files": listing.get("KeyCount", 0)}
