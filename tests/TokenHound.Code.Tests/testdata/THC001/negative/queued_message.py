import json
import logging

import boto3

logger = logging.getLogger(__name__)
sm = boto3.client("secretsmanager")


def load_config(arn: str) -> dict:
    return json.loads(sm.get_secret_value(SecretId=arn)["SecretString"])


def enqueue(subscription: dict, arn: str) -> dict:
    cfg = load_config(arn)
    message = {
        "tenant_id": subscription["tenant_id"],
        "plan": subscription["plan"],
        "region": "eu-west-1",
        "provisioning_token": cfg["provisioning_api_token"],
    }
    logger.info("queued tenant=%s plan=%s region=%s", message["tenant_id"], message["plan"], message["region"])
    return message
