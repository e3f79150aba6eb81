"""Customer returns portal (Flask on App Runner).

Customers look up an order, pick items to return, and get a prepaid carrier label (PDF in S3).
"""

import logging
import os
import secrets
import traceback
import uuid

import boto3
import jwt
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.config["DEBUG"] = True  # Noncompliant THC004
app.config["JSON_SORT_KEYS"] = False

log = logging.getLogger("returns-portal")
logging.basicConfig(level=logging.INFO)

s3 = boto3.client("s3")
dynamodb = boto3.resource("dynamodb")
returns_table = dynamodb.Table(os.environ.get("RETURNS_TABLE", "returns"))

LABEL_BUCKET = os.environ.get("LABEL_BUCKET", "returns-labels-prod")
PORTAL_SIGNING_KEY = os.environ["PORTAL_SIGNING_KEY"]
PORTAL_ISSUER = "https://returns.shop.example"


def customer_claims(req):
    token = req.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, PORTAL_SIGNING_KEY, algorithms=["HS256"], issuer=PORTAL_ISSUER, audience="returns")
    header = jwt.get_unverified_header(token)
    log.info("customer %s authenticated (kid=%s)", claims["sub"], header.get("kid"))
    return claims


def is_staff(req):
    token = req.cookies.get("staff_session", "")
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    return "returns-agent" in claims.get("groups", [])


@app.post("/api/returns")
def create_return():
    claims = customer_claims(request)
    body = request.get_json(force=True)
    rma = f"RMA-{uuid.uuid4().hex[:10].upper()}"
    try:
        item_ids = [line["orderLineId"] for line in body["lines"]]
        returns_table.put_item(
            Item={"rma": rma, "customerId": claims["sub"], "orderId": body["orderId"], "lines": item_ids},
            ConditionExpression="attribute_not_exists(rma)",
        )
        label_key = f"labels/{claims['sub']}/{rma}.pdf"
        label_url = s3.generate_presigned_url(
            "get_object", Params={"Bucket": LABEL_BUCKET, "Key": label_key}, ExpiresIn=900
        )
        log.info("return %s created for order %s, label %s", rma, body["orderId"], label_key)
        return jsonify(rma=rma, labelUrl=label_url), 201
    except Exception as exc:
        log.exception("return creation failed for %s", rma)
        return jsonify(error=str(exc), trace=traceback.format_exc()), 500  # Noncompliant THC003


@app.post("/staff/login")
def staff_login():
    payload = request.get_json(force=True)
    session_token = jwt.encode(
        {"sub": payload["agentId"], "groups": ["returns-agent"]}, PORTAL_SIGNING_KEY, algorithm="HS256"
    )
    csrf = secrets.token_urlsafe(24)
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("staff_session", session_token)  # Noncompliant THC007
    resp.set_cookie("csrf_token", csrf, secure=True, httponly=True, samesite="Strict")
    return resp


@app.get("/staff/returns/<rma>")
def staff_view(rma):
    if not is_staff(request):
        return jsonify(message="forbidden"), 403
    item = returns_table.get_item(Key={"rma": rma}).get("Item")
    if not item:
        return jsonify(message="not found"), 404
    return jsonify(item)


@app.errorhandler(Exception)
def on_error(exc):
    incident = uuid.uuid4().hex
    log.error("unhandled error incident=%s type=%s", incident, type(exc).__name__)
    return jsonify(message="Something went wrong", incident=incident), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=os.environ.get("FLASK_ENV") == "development")
