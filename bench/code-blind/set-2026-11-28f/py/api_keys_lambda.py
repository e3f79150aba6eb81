import base64
import hashlib
import json
import logging
import os
import secrets
import time

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

TABLE_NAME = os.environ["API_KEYS_TABLE"]
AUDIT_QUEUE_URL = os.environ["AUDIT_QUEUE_URL"]
KEY_PREFIX = "sk_live_"

dynamodb = boto3.client(  # Noncompliant THC008
    "dynamodb",
    aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    region_name=os.environ.get("AWS_REGION", "us-east-1"),
)
sqs = boto3.client("sqs")


def _hash_key(raw_key):
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _response(status, body=None):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body) if body is not None else "",
    }


def _create_key(tenant_id, label):
    raw_key = KEY_PREFIX + base64.urlsafe_b64encode(secrets.token_bytes(24)).decode().rstrip("=")
    record = {
        "pk": {"S": f"TENANT#{tenant_id}"},
        "sk": {"S": f"KEY#{_hash_key(raw_key)}"},
        "label": {"S": label},
        "key_prefix": {"S": raw_key[:12]},
        "created": {"N": str(int(time.time()))},
    }
    dynamodb.put_item(TableName=TABLE_NAME, Item=record)
    logger.info("created api key %s for tenant %s", raw_key, tenant_id)  # Noncompliant THC001
    return raw_key


def _revoke_key(tenant_id, key_prefix):
    found = dynamodb.query(
        TableName=TABLE_NAME,
        KeyConditionExpression="pk = :pk",
        FilterExpression="key_prefix = :p",
        ExpressionAttributeValues={":pk": {"S": f"TENANT#{tenant_id}"}, ":p": {"S": key_prefix}},
    )
    for item in found.get("Items", []):
        dynamodb.delete_item(TableName=TABLE_NAME, Key={"pk": item["pk"], "sk": item["sk"]})
    return len(found.get("Items", []))


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    logger.info("request %s route %s", context.aws_request_id, event.get("routeKey"))
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    tenant_id = claims.get("custom:tenant_id")
    if not tenant_id:
        return _response(403, {"message": "tenant claim missing"})

    route = event.get("routeKey", "")
    if route == "POST /api-keys":
        body = json.loads(event.get("body") or "{}")
        label = body.get("label", "default")
        raw_key = _create_key(tenant_id, label)
        message = {"tenant": tenant_id, "action": "key.created", "label": label, "apiKey": raw_key}
        sqs.send_message(QueueUrl=AUDIT_QUEUE_URL, MessageBody=json.dumps(message))  # Noncompliant THC009
        return _response(201, {"apiKey": raw_key, "prefix": raw_key[:12]})

    if route == "DELETE /api-keys/{prefix}":
        key_prefix = event["pathParameters"]["prefix"]
        removed = _revoke_key(tenant_id, key_prefix)
        logger.info("revoked %d key(s) with prefix %s for tenant %s", removed, key_prefix, tenant_id)
        audit = {"tenant": tenant_id, "action": "key.revoked", "prefix": key_prefix, "count": removed}
        sqs.send_message(QueueUrl=AUDIT_QUEUE_URL, MessageBody=json.dumps(audit))
        return _response(204)

    return _response(404, {"message": "not found"})
