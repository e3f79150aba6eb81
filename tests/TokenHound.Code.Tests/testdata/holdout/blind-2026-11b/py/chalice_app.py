import json
import os
from datetime import datetime, timezone

import boto3
from chalice import Chalice, BadRequestError, NotFoundError, Response

app = Chalice(app_name="inventory-api")
app.debug = os.environ.get("STAGE") == "dev"

dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ.get("INVENTORY_TABLE", "inventory"))


def _iso_now():
    return datetime.now(timezone.utc).isoformat()


def _validate_item(body):
    if not isinstance(body, dict):
        raise BadRequestError("body must be a JSON object")
    missing = [f for f in ("sku", "quantity") if f not in body]
    if missing:
        raise BadRequestError("missing fields: " + ", ".join(missing))
    if int(body["quantity"]) < 0:
        raise BadRequestError("quantity must be >= 0")
    return {"sku": str(body["sku"]).upper(), "quantity": int(body["quantity"])}


def _page(items, limit, cursor):
    start = int(cursor or 0)
    end = start + limit
    nxt = str(end) if end < len(items) else None
    return items[start:end], nxt


@app.route("/items/{sku}", methods=["GET"])
def get_item(sku):
    req = app.current_request
    app.log.info("get_item sku=%s request_id=%s", sku, req.context.get("requestId"))
    resp = table.get_item(Key={"sku": sku.upper()})
    if "Item" not in resp:
        raise NotFoundError(sku)
    return resp["Item"]


@app.route("/items", methods=["POST"])
def put_item():
    req = app.current_request
    app.log.debug("put_item headers: %s", req.headers)  # Noncompliant THC002
    item = _validate_item(req.json_body)
    item["updatedAt"] = _iso_now()
    table.put_item(Item=item)
    return Response(body=item, status_code=201)


@app.route("/sync", methods=["POST"])
def sync():
    req = app.current_request
    auth = req.headers.get("authorization", "")
    app.log.info("sync triggered with %s", auth)  # Noncompliant THC001
    items = table.scan(Limit=500).get("Items", [])
    page, nxt = _page(items, int(req.query_params.get("limit", 50)) if req.query_params else 50, None)
    return {"items": json.loads(json.dumps(page, default=str)), "next": nxt}
