"""Issues short-lived, tenant-scoped AWS credentials to the report renderer."""
import json
import logging
import os
import traceback
from datetime import datetime, timezone

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

ROLE_ARN = os.environ["TENANT_ROLE_ARN"]
RENDER_FUNCTION = os.environ.get("RENDER_FUNCTION", "report-renderer")
SIGNING_SECRET_ID = os.environ["SIGNING_SECRET_ID"]
ARCHIVE_BUCKET = os.environ.get("ARCHIVE_BUCKET", "legacy-report-archive")

sts = boto3.client("sts")
lambda_client = boto3.client("lambda")

# the archive bucket still lives in the legacy account, so use that account's IAM user
archive_s3 = boto3.client(  # Noncompliant THC008
    "s3",
    aws_access_key_id=os.environ["LEGACY_ARCHIVE_KEY_ID"],
    aws_secret_access_key=os.environ["LEGACY_ARCHIVE_SECRET"],
)


def _response(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def _tenant_from(event):
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    return claims.get("custom:tenant_id"), claims.get("sub")


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    logger.info("render request %s", context.aws_request_id)

    tenant_id, sub = _tenant_from(event)
    if not tenant_id:
        return _response(403, {"message": "no tenant on token"})

    try:
        assumed = sts.assume_role(
            RoleArn=ROLE_ARN,
            RoleSessionName=f"render-{tenant_id}",
            DurationSeconds=900,
            Tags=[{"Key": "tenant", "Value": tenant_id}],
        )
        creds = assumed["Credentials"]
        job = {
            "tenantId": tenant_id,
            "requestedBy": sub,
            "credentials": {
                "AccessKeyId": creds["AccessKeyId"],
                "SecretAccessKey": creds["SecretAccessKey"],
                "SessionToken": creds["SessionToken"],
            },
            "signingSecretId": SIGNING_SECRET_ID,
        }
        lambda_client.invoke(FunctionName=RENDER_FUNCTION, InvocationType="Event", Payload=json.dumps(job).encode())  # Noncompliant THC009

        marker = {"tenant": tenant_id, "requestedBy": sub, "at": datetime.now(timezone.utc).isoformat()}
        archive_s3.put_object(Bucket=ARCHIVE_BUCKET, Key=f"requests/{context.aws_request_id}.json", Body=json.dumps(marker))
        return _response(202, {"status": "rendering"})
    except Exception:
        logger.exception("render dispatch failed for tenant %s", tenant_id)
        return _response(500, {"message": "render failed", "trace": traceback.format_exc()})  # Noncompliant THC003


def warm_renderer(event, context):
    payload = {"warmup": True, "signingSecretId": SIGNING_SECRET_ID}
    lambda_client.invoke(FunctionName=RENDER_FUNCTION, InvocationType="Event", Payload=json.dumps(payload).encode())
    logger.info("warm-up sent to %s", RENDER_FUNCTION)
    return {"ok": True}
