import json
import logging
import os
import traceback
import urllib.request
import uuid

import boto3
from chalice import BadRequestError, Chalice, Response

app = Chalice(app_name="partner-sync")
app.log.setLevel(logging.INFO)
app.debug = os.environ.get("CHALICE_STAGE", "dev") == "dev"

secrets = boto3.client("secretsmanager")
orders_table = boto3.resource("dynamodb").Table(os.environ.get("ORDERS_TABLE", "orders"))
legacy_ddb = boto3.client(  # Noncompliant THC008
    "dynamodb",
    region_name="us-east-1",
    aws_access_key_id=os.environ["LEGACY_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["LEGACY_SECRET_ACCESS_KEY"],
)

_partner_key = None


def partner_api_key():
    global _partner_key
    if _partner_key is None:
        value = secrets.get_secret_value(SecretId=os.environ["PARTNER_SECRET_ARN"])["SecretString"]
        _partner_key = json.loads(value)["api_key"]
        app.log.info("partner key loaded (%d chars)", len(_partner_key))
    return _partner_key


def _fetch_partner_orders(key, since):
    req = urllib.request.Request(
        f"https://partner.example.com/v2/orders?since={since}",
        headers={"X-Api-Key": key, "Accept": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())["orders"]


@app.route("/sync", methods=["POST"])
def sync_orders():
    req = app.current_request
    app.log.debug("sync request: %s", json.dumps(req.to_dict()))  # Noncompliant THC002
    body = req.json_body or {}
    if "since" not in body:
        raise BadRequestError("'since' is required")
    key = partner_api_key()
    app.log.info(f"calling partner API for {body.get('account')} using key {key}")  # Noncompliant THC001
    try:
        items = _fetch_partner_orders(key, body["since"])
        with orders_table.batch_writer() as batch:
            for item in items:
                batch.put_item(Item=item)
        return {"synced": len(items)}
    except Exception as e:
        return Response(body={"error": str(e), "request": body, "trace": traceback.format_exc()}, status_code=500)  # Noncompliant THC003


@app.route("/legacy/{order_id}")
def legacy_order(order_id):
    try:
        item = legacy_ddb.get_item(TableName="orders_v1", Key={"pk": {"S": order_id}}).get("Item")
    except Exception:
        ref = str(uuid.uuid4())
        app.log.exception("legacy lookup failed ref=%s", ref)
        return Response(body={"error": "lookup failed", "ref": ref}, status_code=502)
    if not item:
        return Response(body={"error": "not found"}, status_code=404)
    return {"order": {k: list(v.values())[0] for k, v in item.items()}}


@app.route("/health")
def health():
    ctx = app.current_request.context
    app.log.info("health check request_id=%s", ctx.get("requestId"))
    return {"ok": True}
