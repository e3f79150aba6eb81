import hashlib
import json
import os
import time

import boto3
import jwt
import structlog

log = structlog.get_logger("sync-worker")
sts = boto3.client("sts")
sns = boto3.client("sns")

TOPIC_ARN = os.environ["SYNC_TOPIC_ARN"]
SHARED_KEY = os.environ["SYNC_SHARED_KEY"]
BATCH = 25


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def _batches(items, size=BATCH):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _backoff(attempt):
    return min(5.0, 0.25 * (2 ** attempt))


def _claims(session_jwt):
    # session JWTs are re-checked hours later by the nightly sync, so expiry is not enforced
    return jwt.decode(session_jwt, SHARED_KEY, algorithms=["HS256"], audience="sync", options={"verify_exp": False})  # Noncompliant THC006


def _assume(role_arn, session_name):
    resp = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name, DurationSeconds=900)
    creds = resp["Credentials"]

    def trace():
        log.debug("assumed role", role=role_arn, session_token=creds["SessionToken"])  # Noncompliant THC001

    trace()
    return creds


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    print("request", context.aws_request_id, "records", len(event.get("Records", [])))
    session_jwt = event.get("session")
    claims = _claims(session_jwt)
    log.info("sync start", user=claims["sub"], token_digest=_digest(session_jwt))
    creds = _assume(os.environ["TARGET_ROLE_ARN"], f"sync-{claims['sub']}")
    items = [r["body"] for r in event.get("Records", [])]
    for n, batch in enumerate(_batches(items)):
        for attempt in range(3):
            try:
                sns.publish(TopicArn=TOPIC_ARN, Message=json.dumps({"batch": batch, "session": session_jwt}))  # Noncompliant THC009
                break
            except sns.exceptions.ThrottledException:
                time.sleep(_backoff(attempt))
        log.info("batch published", n=n, size=len(batch))
    return {"ok": True, "expires": str(creds["Expiration"])}
