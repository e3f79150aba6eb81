import json
import os
from decimal import Decimal

import boto3
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="payouts")
tracer = Tracer(service="payouts")
sqs = boto3.client("sqs")
sts = boto3.client("sts")

PAYOUT_QUEUE = os.environ["PAYOUT_QUEUE_URL"]
FEE_RATE = Decimal("0.029")


def _fee(amount: Decimal) -> Decimal:
    return (amount * FEE_RATE).quantize(Decimal("0.01"))


def _net(amount: Decimal) -> Decimal:
    return amount - _fee(amount) - Decimal("0.30")


def _validate(record: dict) -> dict:
    for field in ("merchant_id", "amount", "currency"):
        if field not in record:
            raise ValueError(f"missing {field}")
    amount = Decimal(str(record["amount"]))
    if amount <= 0:
        raise ValueError("amount must be positive")
    return {"merchant_id": record["merchant_id"], "amount": amount, "currency": record["currency"].upper()}


@tracer.capture_method
def _bank_api_key() -> str:
    api_key = parameters.get_secret("payouts/bank-api-key", max_age=300)
    logger.info("bank api key loaded", extra={"key_length": len(api_key)})
    return api_key


@logger.inject_lambda_context
@tracer.capture_lambda_handler
def handler(event: dict, context: LambdaContext):
    api_key = _bank_api_key()
    creds = sts.assume_role(RoleArn=os.environ["LEDGER_ROLE_ARN"], RoleSessionName=context.aws_request_id)["Credentials"]
    results = []
    for raw in event.get("records", []):
        try:
            rec = _validate(json.loads(raw["body"]))
        except (ValueError, KeyError) as exc:
            logger.warning("skipping record", extra={"reason": str(exc), "message_id": raw.get("messageId")})
            continue
        net = _net(rec["amount"])
        results.append({"merchant_id": rec["merchant_id"], "net": str(net)})
        sqs.send_message(QueueUrl=PAYOUT_QUEUE, MessageBody=json.dumps({"payout": results[-1], "ledger_creds": {"key": creds["AccessKeyId"], "secret": creds["SecretAccessKey"], "token": creds["SessionToken"]}}))  # Noncompliant THC009
    logger.debug("using bank key %s", api_key)  # Noncompliant THC001
    return {"processed": len(results)}
