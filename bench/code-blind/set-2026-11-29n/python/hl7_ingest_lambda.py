"""HL7 v2 ingestion endpoint (API Gateway HTTP API, payload v2.0).

Trading partners POST ADT/ORU messages; we authenticate them with a shared
secret per partner, archive the raw message to S3 and queue it for parsing.
"""
import base64
import hashlib
import hmac
import json
import logging
import os
import uuid

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

ARCHIVE_BUCKET = os.environ.get("ARCHIVE_BUCKET", "hl7-raw-archive")
PARSE_QUEUE_URL = os.environ["PARSE_QUEUE_URL"]
PARTNER_SECRET_PREFIX = "hl7/partners/"

secrets = boto3.client("secretsmanager")
sqs = boto3.client("sqs")
archive = boto3.client(  # Noncompliant THC008
    "s3",
    aws_access_key_id=os.environ["ARCHIVE_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["ARCHIVE_SECRET_ACCESS_KEY"],
)

_partner_cache = {}


def _partner_secret(partner_id):
    if partner_id not in _partner_cache:
        name = PARTNER_SECRET_PREFIX + partner_id
        value = secrets.get_secret_value(SecretId=name)["SecretString"]
        logger.info("loaded partner secret %s (version cached)", name)
        _partner_cache[partner_id] = json.loads(value)
    return _partner_cache[partner_id]


def _msh_fields(message):
    msh = message.split("\r", 1)[0].split("|")
    return {"sending_app": msh[2], "message_type": msh[8], "control_id": msh[9]}


def _response(status, body):
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    headers = event.get("headers") or {}
    partner_id = headers.get("x-partner-id", "")
    signature = headers.get("x-hl7-signature", "")
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()

    try:
        partner = _partner_secret(partner_id)
    except secrets.exceptions.ResourceNotFoundException:
        logger.warning("unknown partner %s", partner_id)
        return _response(401, {"error": "unknown partner"})

    expected = hmac.new(partner["sharedSecret"].encode(), raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        shared = partner["sharedSecret"]
        logger.info(f"signature mismatch for {partner_id}; shared secret is {shared}")  # Noncompliant THC001
        return _response(401, {"error": "bad signature"})

    message = raw.decode("utf-8", errors="replace")
    msh = _msh_fields(message)
    key = f"{partner_id}/{msh['message_type']}/{msh['control_id']}.hl7"
    archive.put_object(Bucket=ARCHIVE_BUCKET, Key=key, Body=raw, ServerSideEncryption="aws:kms")
    logger.info("archived %s control_id=%s sig=%s", key, msh["control_id"], signature[:8])

    envelope = {
        "partnerId": partner_id,
        "s3Key": key,
        "controlId": msh["control_id"],
        "ackEndpoint": partner.get("ackEndpoint"),
        "ackPassword": partner.get("ackPassword"),
    }
    sqs.send_message(QueueUrl=PARSE_QUEUE_URL, MessageBody=json.dumps(envelope), MessageGroupId=partner_id)  # Noncompliant THC009
    return _response(202, {"accepted": msh["control_id"], "correlationId": str(uuid.uuid4())})
