"""Lambda consumer for the orders.v2 MSK topic: pushes each order to the
fulfilment partner's API using a cached client-credentials token."""
import base64
import json
import os
import time

import jwt
import requests
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities import parameters

logger = Logger(service="msk-order-sync")

PARTNER_BASE = os.environ["PARTNER_BASE_URL"]
TOKEN_URL = os.environ["PARTNER_TOKEN_URL"]
PARTNER_JWKS_URL = os.environ["PARTNER_JWKS_URL"]
CLIENT_ID = os.environ["PARTNER_CLIENT_ID"]
CLIENT_SECRET_PARAM = "/order-sync/partner/client-secret"
API_KEY_SECRET = "order-sync/partner-api-key"


class PartnerTokenCache:
    def __init__(self, leeway_seconds=60):
        self._token = None
        self._expires_at = 0.0
        self._leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(PARTNER_JWKS_URL)

    def get(self):
        if self._token and time.time() < self._expires_at - self._leeway:
            return self._token
        client_secret = parameters.get_parameter(CLIENT_SECRET_PARAM, decrypt=True, max_age=300)
        resp = requests.post(
            TOKEN_URL,
            data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": client_secret},
            timeout=5,
        )
        resp.raise_for_status()
        body = resp.json()
        logger.debug("partner token response", extra={"response": body})  # Noncompliant THC001
        signing_key = self._jwks.get_signing_key_from_jwt(body["access_token"]).key
        claims = jwt.decode(  # Noncompliant THC006
            body["access_token"],
            signing_key,
            algorithms=["RS256"],
            audience="orders",
            options={"verify_exp": False},
        )
        self._token = body["access_token"]
        self._expires_at = float(claims.get("exp", time.time() + body.get("expires_in", 300)))
        logger.info("partner token refreshed", extra={"expires_in": body.get("expires_in"), "client_id": CLIENT_ID})
        return self._token


_tokens = PartnerTokenCache()


def push_order(order, token, attempts=3):
    api_key = parameters.get_secret(API_KEY_SECRET, max_age=600)
    for attempt in range(1, attempts + 1):
        r = requests.put(f"{PARTNER_BASE}/v2/orders/{order['id']}?api_key={api_key}", json=order, headers={"Authorization": f"Bearer {token}"}, timeout=10)  # Noncompliant THC009
        if r.status_code < 500:
            r.raise_for_status()
            return r.json().get("partnerRef")
        logger.warning("partner 5xx, retrying", extra={"order_id": order["id"], "attempt": attempt, "status": r.status_code})
        time.sleep(2 ** attempt)
    raise RuntimeError(f"partner unavailable for order {order['id']}")


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
def handler(event, context):
    token = _tokens.get()
    processed = 0
    for topic_partition, records in event["records"].items():
        for rec in records:
            order = json.loads(base64.b64decode(rec["value"]))
            logger.append_keys(order_id=order["id"], partition=topic_partition, offset=rec["offset"])
            partner_ref = push_order(order, token)
            logger.info("order synced", extra={"partner_ref": partner_ref})
            processed += 1
    status = requests.get(f"{PARTNER_BASE}/v2/status?request_id={context.aws_request_id}", timeout=5)
    logger.info("batch done", extra={"processed": processed, "partner_status": status.status_code})
    return {"processed": processed}
