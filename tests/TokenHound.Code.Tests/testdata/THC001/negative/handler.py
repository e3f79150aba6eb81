import hashlib
import json
import logging
import os

import boto3

logger = logging.getLogger(__name__)
secrets = boto3.client("secretsmanager")


def mask(value):
    return value[:4] + "..." if value else "<none>"


def lambda_handler(event, context):
    logger.info("request %s", event["requestContext"]["requestId"])
    headers = event.get("headers") or {}
    token = headers.get("authorization", "").removeprefix("Bearer ")
    logger.info("token length %d", len(token))
    logger.info("token %s", mask(token))
    logger.info("token sha256 %s", hashlib.sha256(token.encode()).hexdigest())
    logger.debug("has token: %s", bool(token))
    print("token prefix ok:", token.startswith("eyJ"))
    print(f"user agent {headers.get('user-agent')}")

    secret_arn = os.environ["DB_SECRET_ARN"]
    logger.info("loading secret %s", secret_arn)
    secret = secrets.get_secret_value(SecretId=secret_arn)
    logger.info("secret version %s created %s", secret["VersionId"], secret["CreatedDate"])
    password_policy = {"min_length": 12}
    logger.info("policy %s", json.dumps(password_policy))
    token_type = "Bearer"
    logger.info("token type %s", token_type)
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
