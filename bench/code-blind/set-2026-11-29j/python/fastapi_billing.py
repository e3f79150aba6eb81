"""Billing provider webhooks that provision tenant plans (FastAPI)."""
import hashlib
import hmac
import json
import logging
import os
import time
import traceback
import uuid

import boto3
from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse

logging.basicConfig(level=logging.DEBUG if os.getenv("VERBOSE") else logging.INFO)
logger = logging.getLogger("billing.webhooks")

BILLING_SECRET_ARN = os.environ["BILLING_SECRET_ARN"]
PROVISIONING_QUEUE_URL = os.environ["PROVISIONING_QUEUE_URL"]
TOLERANCE_SECONDS = 300

app = FastAPI(title="billing-webhooks", version="2.3.1", debug=True)  # Noncompliant THC004

secrets_client = boto3.client("secretsmanager")
sqs = boto3.client("sqs")
_secret_cache: dict = {}


def billing_secrets() -> dict:
    if "value" not in _secret_cache:
        logger.info("loading billing secrets from %s", BILLING_SECRET_ARN)
        raw = secrets_client.get_secret_value(SecretId=BILLING_SECRET_ARN)["SecretString"]
        _secret_cache["value"] = json.loads(raw)
        logger.debug("billing secrets loaded: %s", _secret_cache["value"])  # Noncompliant THC001
    return _secret_cache["value"]


def verify_signature(payload: bytes, header: str, secret: str) -> bool:
    try:
        fields = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("v1", ""))


def provision_subscription(subscription: dict, cfg: dict) -> None:
    item = subscription["items"]["data"][0]
    message = {
        "tenant_id": subscription["metadata"]["tenant_id"],
        "plan": item["price"]["lookup_key"],
        "seats": item.get("quantity", 1),
        "provisioning_token": cfg["provisioning_api_token"],
    }
    sqs.send_message(QueueUrl=PROVISIONING_QUEUE_URL, MessageBody=json.dumps(message), MessageGroupId=message["tenant_id"])  # Noncompliant THC009
    logger.info("provisioning queued tenant=%s plan=%s", message["tenant_id"], message["plan"])


@app.post("/webhooks/billing")
async def billing_webhook(request: Request, billing_signature: str = Header(...)):
    payload = await request.body()
    cfg = billing_secrets()
    if not verify_signature(payload, billing_signature, cfg["signing_secret"]):
        raise HTTPException(status_code=400, detail="invalid signature")
    event = json.loads(payload)
    logger.info("billing event %s type=%s", event["id"], event["type"])
    try:
        if event["type"] in ("customer.subscription.created", "customer.subscription.updated"):
            provision_subscription(event["data"]["object"], cfg)
        return {"received": True}
    except Exception:
        return JSONResponse(status_code=500, content={"error": "processing_failed", "trace": traceback.format_exc()})  # Noncompliant THC003


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    correlation_id = request.headers.get("x-correlation-id") or str(uuid.uuid4())
    logger.exception("unhandled error correlation_id=%s path=%s", correlation_id, request.url.path)
    return JSONResponse(status_code=500, content={"error": "internal_error", "correlation_id": correlation_id})
