"""Pre-signed upload URLs for tenant file attachments (API Gateway HTTP API + Lambda)."""
import json
import os
import re
import uuid

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="file-uploads")

UPLOAD_BUCKET = os.environ["UPLOAD_BUCKET"]
LEGACY_BUCKET = os.environ.get("LEGACY_ARCHIVE_BUCKET", "acme-legacy-attachments")
MAX_BYTES = 25 * 1024 * 1024
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")

s3 = boto3.client("s3")
sts = boto3.client("sts")
ssm = boto3.client("ssm")
legacy_s3 = boto3.client(  # Noncompliant THC008
    "s3",
    region_name="us-east-1",
    aws_access_key_id="AKIAZ7FAKEB5TR7WK3ZD",
    aws_secret_access_key="FAKElegacyAttachSecretXq9Zt2Wm7Rv4Kp6Ln",
)


def _scanner_settings() -> dict:
    params = ssm.get_parameters_by_path(Path="/uploads/scanner/", WithDecryption=True)["Parameters"]
    return {p["Name"].rsplit("/", 1)[-1]: p["Value"] for p in params}


def configure_scanner(settings: dict) -> None:
    """The AV scanner SDK only reads its credentials from the environment."""
    os.environ["AWS_ACCESS_KEY_ID"] = settings["scanner_access_key_id"]  # Noncompliant THC008
    os.environ["AWS_SECRET_ACCESS_KEY"] = settings["scanner_secret_access_key"]  # Noncompliant THC008
    os.environ["SCANNER_QUEUE"] = settings["scanner_queue"]


configure_scanner(_scanner_settings())


def tenant_bucket_client(tenant_id: str, role_arn: str):
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName=f"upload-{tenant_id}", DurationSeconds=900)["Credentials"]
    print(f"assumed {role_arn} for tenant {tenant_id}: {creds}")  # Noncompliant THC001
    return boto3.client(
        "s3",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
def handler(event: dict, context: LambdaContext) -> dict:
    claims = event["requestContext"]["authorizer"]["jwt"]["claims"]
    tenant_id = claims["custom:tenant_id"]
    auth_header = event.get("headers", {}).get("authorization", "")
    logger.debug("authorizer passed", extra={"tenant_id": tenant_id, "token_length": len(auth_header)})

    body = json.loads(event.get("body") or "{}")
    filename = SAFE_NAME.sub("_", body.get("filename", "upload.bin"))[:120]
    size = int(body.get("size", 0))
    if size <= 0 or size > MAX_BYTES:
        return {"statusCode": 400, "body": json.dumps({"message": "file too large or empty", "request_id": context.aws_request_id})}

    key = f"{tenant_id}/{uuid.uuid4()}/{filename}"
    byo_role = body.get("byo_bucket_role_arn")
    if byo_role:
        client, bucket = tenant_bucket_client(tenant_id, byo_role), body["byo_bucket"]
    else:
        client, bucket = s3, UPLOAD_BUCKET
    url = client.generate_presigned_url(
        "put_object",
        Params={"Bucket": bucket, "Key": key, "ContentLength": size, "ContentType": body.get("content_type", "application/octet-stream")},
        ExpiresIn=900,
    )
    logger.info("issued upload url", extra={"tenant_id": tenant_id, "key": key, "bucket": bucket, "expires_in": 900})
    if body.get("mirror_to_legacy"):
        legacy_s3.put_object(Bucket=LEGACY_BUCKET, Key=f"pending/{key}.json", Body=json.dumps({"tenant_id": tenant_id, "key": key}))
    return {"statusCode": 200, "body": json.dumps({"upload_url": url, "key": key, "expires_in": 900})}
