import hashlib
import json
import logging
import os
import secrets

import boto3

logger = logging.getLogger(__name__)
sqs = boto3.client("sqs")


def _create_key(tenant_id):
    # secrets.token_urlsafe() mints the API key itself
    raw_key = "ak_" + secrets.token_urlsafe(32)
    logger.info("created api key %s for tenant %s", raw_key, tenant_id)  # Noncompliant
    logger.info("key fingerprint %s", hashlib.sha256(raw_key.encode()).hexdigest()[:12])
    return raw_key


def handler(event, context):
    tenant_id = event["requestContext"]["authorizer"]["jwt"]["claims"]["custom:tenant"]
    raw_key = _create_key(tenant_id)
    message = {"tenant": tenant_id, "action": "key.created", "apiKey": raw_key}
    sqs.send_message(QueueUrl=os.environ["AUDIT_QUEUE_URL"], MessageBody=json.dumps(message))  # Noncompliant THC009
    return {"statusCode": 201, "body": json.dumps({"apiKey": raw_key})}
