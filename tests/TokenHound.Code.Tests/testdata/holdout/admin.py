# Holdout sample: written after the rules were tuned, never used to tune them. Annotations name their rule.
import json
import logging
import os

import boto3
import jwt

log = logging.getLogger()
ssm = boto3.client("ssm")


def handler(event, context):
    log.info("event: %s", json.dumps(event, default=str))  # Noncompliant THC002
    auth = event["headers"].get("authorization") or ""
    claims = jwt.decode(auth.split()[-1], options={"verify_signature": False, "verify_exp": False})  # Noncompliant THC005 THC006
    if "admin" not in claims.get("cognito:groups", []):
        return {"statusCode": 403, "body": json.dumps({"message": "forbidden"})}
    key = ssm.get_parameter(Name="/admin/api-key", WithDecryption=True)["Parameter"]["Value"]
    log.debug("admin key %s", key[:4])
    report = boto3.client("lambda").invoke(FunctionName=os.environ["REPORT_FN"], Payload=json.dumps({"key": key}))  # Noncompliant THC009
    return {"statusCode": 200, "body": report["Payload"].read().decode()}
