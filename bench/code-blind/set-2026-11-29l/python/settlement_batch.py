"""Nightly settlement batch (EventBridge schedule -> Lambda).

Pulls the acquirer's settlement file from the partner bucket, reconciles it
against the ledger table and queues one payout instruction per merchant.
"""
import csv
import hashlib
import io
import json
import logging
import os
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Key

logger = logging.getLogger()
logger.setLevel(logging.INFO)

PARTNER_BUCKET = os.environ.get("PARTNER_BUCKET", "acquirer-settlement-drop")
PARTNER_KEYS_SECRET_ID = os.environ["PARTNER_KEYS_SECRET_ID"]
BANK_SECRET_ID = os.environ["BANK_API_SECRET_ID"]
PAYOUT_QUEUE_URL = os.environ["PAYOUT_QUEUE_URL"]
LEDGER_TABLE = os.environ.get("LEDGER_TABLE", "ledger-entries")

_secrets = boto3.client("secretsmanager")
_sqs = boto3.client("sqs")
_ledger = boto3.resource("dynamodb").Table(LEDGER_TABLE)


def _secret_json(secret_id):
    return json.loads(_secrets.get_secret_value(SecretId=secret_id)["SecretString"])


def _partner_s3():
    cfg = _secret_json(PARTNER_KEYS_SECRET_ID)
    return boto3.client("s3", region_name=cfg.get("region", "eu-west-1"), aws_access_key_id=cfg["access_key_id"], aws_secret_access_key=cfg["secret_access_key"])  # Noncompliant THC008


def _bank_credentials():
    logger.info("fetching bank API credentials from %s", BANK_SECRET_ID)
    secret = _secret_json(BANK_SECRET_ID)
    logger.info("bank API login %s / %s", secret["username"], secret["password"])  # Noncompliant THC001
    return secret


def _read_settlement_file(s3, business_date):
    key = f"settlements/{business_date}/settlement.csv"
    body = s3.get_object(Bucket=PARTNER_BUCKET, Key=key)["Body"].read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    logger.info("read %d settlement rows from s3://%s/%s", len(rows), PARTNER_BUCKET, key)
    return rows


def _ledger_total(merchant_id, business_date):
    resp = _ledger.query(
        KeyConditionExpression=Key("merchantId").eq(merchant_id) & Key("bookingDate").begins_with(business_date)
    )
    return sum(Decimal(str(item["amount"])) for item in resp.get("Items", []))


def _reconcile(rows, business_date):
    per_merchant = defaultdict(Decimal)
    for row in rows:
        per_merchant[row["merchant_id"]] += Decimal(row["net_amount"])
    mismatches = {}
    for merchant_id, settled in per_merchant.items():
        booked = _ledger_total(merchant_id, business_date)
        if booked != settled:
            mismatches[merchant_id] = {"settled": str(settled), "booked": str(booked)}
    return per_merchant, mismatches


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    logger.info("settlement run started request_id=%s source=%s", context.aws_request_id, event.get("source"))
    business_date = event.get("detail", {}).get("businessDate") or datetime.now(timezone.utc).strftime("%Y-%m-%d")

    rows = _read_settlement_file(_partner_s3(), business_date)
    totals, mismatches = _reconcile(rows, business_date)
    if mismatches:
        logger.warning("reconciliation mismatches for %d merchants: %s", len(mismatches), sorted(mismatches))

    bank = _bank_credentials()
    token_fingerprint = hashlib.sha256(bank["api_token"].encode()).hexdigest()[:12]
    logger.info("using bank API token fingerprint=%s", token_fingerprint)

    queued = 0
    for merchant_id, amount in totals.items():
        if merchant_id in mismatches:
            continue
        instruction = {
            "merchantId": merchant_id,
            "businessDate": business_date,
            "amount": str(amount),
            "currency": "EUR",
            "bankApiToken": bank["api_token"],
        }
        _sqs.send_message(QueueUrl=PAYOUT_QUEUE_URL, MessageBody=json.dumps(instruction), MessageGroupId=merchant_id)  # Noncompliant THC009
        queued += 1

    logger.info("settlement run finished: %d payouts queued, %d held", queued, len(mismatches))
    return {"businessDate": business_date, "queued": queued, "held": len(mismatches)}
