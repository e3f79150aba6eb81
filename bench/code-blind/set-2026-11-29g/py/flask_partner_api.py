"""Partner-facing orders API. Deployed to Lambda through serverless-wsgi; run locally with `python flask_partner_api.py`."""
import logging
import os
import traceback
import uuid

import boto3
import requests
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.logger.setLevel(logging.INFO)

dynamodb = boto3.resource("dynamodb")
orders = dynamodb.Table(os.environ.get("ORDERS_TABLE", "orders"))
IDP_URL = os.environ.get("IDP_URL", "https://idp.example.com")


def _bearer():
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else None


def _introspect(token):
    resp = requests.post(f"{IDP_URL}/oauth/introspect", data={"token": token}, timeout=5)
    return resp.ok and resp.json().get("active", False)


@app.before_request
def tag_request():
    request.environ["request_id"] = request.headers.get("X-Request-Id", str(uuid.uuid4()))
    app.logger.info("%s %s request_id=%s", request.method, request.path, request.environ["request_id"])


@app.route("/v1/session", methods=["POST"])
def create_session():
    body = request.get_json(force=True) or {}
    resp = requests.post(
        f"{IDP_URL}/oauth/token",
        data={"grant_type": "client_credentials", "client_id": body.get("client_id"), "client_secret": body.get("client_secret")},
        timeout=5,
    )
    if resp.status_code != 200:
        return jsonify(error="invalid client"), 401
    token = resp.json()["access_token"]
    out = make_response(jsonify(expires_in=resp.json().get("expires_in", 3600)))
    out.set_cookie("partner_token", token, max_age=3600)  # Noncompliant THC007
    out.set_cookie("partner_region", body.get("region", "eu"), httponly=True, secure=True, samesite="Lax")
    return out


@app.route("/v1/orders/<order_id>", methods=["GET"])
def get_order(order_id):
    token = _bearer() or request.cookies.get("partner_token")
    if token is None or not _introspect(token):
        return jsonify(error="unauthorized"), 401
    app.logger.debug("order lookup %s with Authorization: %s", order_id, request.headers.get("Authorization"))  # Noncompliant THC001
    try:
        item = orders.get_item(Key={"order_id": order_id}).get("Item")
        if not item:
            return jsonify(error="not found"), 404
        return jsonify(item)
    except Exception as exc:
        app.logger.exception("order lookup failed for %s", order_id)
        return jsonify(error="lookup failed", detail=str(exc), trace=traceback.format_exc(), order_id=order_id), 500  # Noncompliant THC003


@app.route("/v1/orders", methods=["POST"])
def create_order():
    token = _bearer()
    if token is None or not _introspect(token):
        return jsonify(error="unauthorized"), 401
    payload = request.get_json(force=True) or {}
    try:
        order_id = str(uuid.uuid4())
        orders.put_item(Item={"order_id": order_id, **payload})
        return jsonify(order_id=order_id), 201
    except Exception:
        app.logger.exception("create_order failed")
        return jsonify(error="internal error", request_id=request.environ.get("request_id")), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  # Noncompliant THC004
