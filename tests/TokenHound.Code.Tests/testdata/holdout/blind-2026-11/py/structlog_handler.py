"""Token introspection endpoint (API Gateway HTTP API -> Lambda)."""
import json
import os

import requests
import structlog

log = structlog.get_logger()
INTROSPECT_URL = os.environ["INTROSPECT_URL"]


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    log.info("request", request_id=event["requestContext"]["requestId"], path=event.get("rawPath"))

    headers = event.get("headers") or {}
    token = headers.get("authorization", "").removeprefix("Bearer ")
    log.debug("introspecting", token=token)  # Noncompliant THC001
    log.debug("introspecting", token_len=len(token), token_prefix=token[:6])

    resp = requests.post(INTROSPECT_URL, data={"token": token}, auth=(os.environ["CLIENT_ID"], os.environ["CLIENT_SECRET"]), timeout=5)
    result = resp.json()
    if not result.get("active"):
        log.warning("inactive token", sub=result.get("sub"))
        return {"statusCode": 401, "body": json.dumps({"active": False})}

    bound = log.bind(sub=result["sub"], client=result.get("client_id"))
    bound.info("token active", scope=result.get("scope"))
    return {"statusCode": 200, "body": json.dumps({"active": True, "sub": result["sub"]})}
