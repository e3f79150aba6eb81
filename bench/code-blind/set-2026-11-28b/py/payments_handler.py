import hashlib
import json
import os
import traceback
import urllib.request

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="payments")
sqs = boto3.client("sqs")
secrets = boto3.client("secretsmanager")

SETTLEMENT_QUEUE = os.environ["SETTLEMENT_QUEUE_URL"]
RECONCILE_QUEUE = os.environ["RECONCILE_QUEUE_URL"]
PSP_SECRET_ID = os.environ["PSP_SECRET_ID"]
PSP_URL = os.environ.get("PSP_URL", "https://psp.example.net/v1/charges")


def _psp_api_key() -> str:
    resp = secrets.get_secret_value(SecretId=PSP_SECRET_ID)
    key = json.loads(resp["SecretString"])["api_key"]
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    logger.info("loaded PSP key", extra={"secret_id": PSP_SECRET_ID, "key_sha256": digest})
    return key


def _bearer(headers: dict) -> str | None:
    value = headers.get("Authorization") or headers.get("authorization")
    if value and value.lower().startswith("bearer "):
        return value[7:]
    return None


def _charge(api_key: str, payment: dict) -> str:
    req = urllib.request.Request(
        PSP_URL,
        data=json.dumps({"amount": payment["amount"], "currency": payment.get("currency", "EUR")}).encode(),
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)["id"]


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
def handler(event: dict, context: LambdaContext) -> dict:
    headers = event.get("headers") or {}
    token = _bearer(headers)
    if token is None:
        logger.warning("missing token", extra={"request_id": context.aws_request_id})
        return {"statusCode": 401, "body": json.dumps({"message": "unauthorized"})}

    logger.debug(f"Authorization header: {headers.get('Authorization')}")  # Noncompliant THC001
    logger.debug("token length %d", len(token))

    try:
        payment = json.loads(event.get("body") or "{}")
        api_key = _psp_api_key()
        charge_id = _charge(api_key, payment)
        sqs.send_message(
            QueueUrl=SETTLEMENT_QUEUE,
            MessageBody=json.dumps({"charge_id": charge_id, "amount": payment["amount"]}),
        )
        sqs.send_message(  # Noncompliant THC009
            QueueUrl=RECONCILE_QUEUE,
            MessageBody=json.dumps({"charge_id": charge_id, "psp_key": api_key}),
        )
    except KeyError as exc:
        logger.warning("bad payment payload", extra={"missing": str(exc)})
        return {"statusCode": 400, "body": json.dumps({"message": "invalid payment", "request_id": context.aws_request_id})}
    except Exception:
        logger.exception("charge failed")
        return {"statusCode": 500, "body": json.dumps({"message": "charge failed", "trace": traceback.format_exc()})}  # Noncompliant THC003

    return {"statusCode": 201, "body": json.dumps({"charge_id": charge_id})}
