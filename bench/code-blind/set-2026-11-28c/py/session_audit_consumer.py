import hashlib
import hmac
import json
import os

import boto3
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.kinesis_stream_event import KinesisStreamRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="session-audit")
tracer = Tracer()
processor = BatchProcessor(event_type=EventType.KinesisDataStreams)
events = boto3.client("events")
ssm = boto3.client("ssm")

BUS = os.environ["AUDIT_BUS_NAME"]
_signing_key = None


def _fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:12]


def _webhook_signing_key() -> str:
    global _signing_key
    if _signing_key is None:
        param = ssm.get_parameter(Name=os.environ["SIGNING_KEY_PARAM"], WithDecryption=True)
        _signing_key = param["Parameter"]["Value"]
        print(f"using signing key {_signing_key} (version {param['Parameter']['Version']})")  # Noncompliant THC001
    return _signing_key


def _sign(body: dict) -> str:
    raw = json.dumps(body, sort_keys=True).encode()
    return hmac.new(_webhook_signing_key().encode(), raw, hashlib.sha256).hexdigest()


@tracer.capture_method
def record_handler(record: KinesisStreamRecord):
    payload = record.kinesis.data_as_json()
    session_token = payload.get("sessionToken", "")
    logger.append_keys(user_id=payload["userId"])
    logger.info("session event", extra={"kind": payload["kind"], "token_fp": _fingerprint(session_token)})

    if payload["kind"] == "LOGIN":
        detail = {"userId": payload["userId"], "device": payload.get("device"), "sessionToken": session_token}
        events.put_events(Entries=[{"Source": "app.sessions", "DetailType": "UserLoggedIn", "Detail": json.dumps(detail), "EventBusName": BUS}])  # Noncompliant THC009
    elif payload["kind"] == "LOGOUT":
        detail = {"userId": payload["userId"], "reason": payload.get("reason", "user")}
        detail["signature"] = _sign(detail)
        events.put_events(
            Entries=[
                {
                    "Source": "app.sessions",
                    "DetailType": "UserLoggedOut",
                    "Detail": json.dumps(detail),
                    "EventBusName": BUS,
                }
            ]
        )
    else:
        logger.warning("ignoring event kind", extra={"kind": payload["kind"], "seq": record.kinesis.sequence_number})


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
@tracer.capture_lambda_handler
def lambda_handler(event, context: LambdaContext):
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
