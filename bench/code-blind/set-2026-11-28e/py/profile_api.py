"""Customer profile API (Flask) served through API Gateway with serverless-wsgi."""
import logging
import os
import traceback

import boto3
import serverless_wsgi
from botocore.exceptions import ClientError
from flask import Flask, jsonify, make_response, request

logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))
logger = logging.getLogger("profile-api")

app = Flask(__name__)
app.config["DEBUG"] = True  # Noncompliant THC004
app.config["JSON_SORT_KEYS"] = False

table = boto3.resource("dynamodb").Table(os.environ.get("PROFILE_TABLE", "profiles"))
cognito = boto3.client("cognito-idp")
USER_POOL_CLIENT_ID = os.environ.get("USER_POOL_CLIENT_ID", "")


def _caller():
    event = request.environ.get("serverless.event", {})
    claims = event.get("requestContext", {}).get("authorizer", {}).get("claims", {})
    return claims.get("sub"), claims.get("email")


@app.before_request
def log_request():
    auth = request.headers.get("Authorization", "")
    logger.info("%s %s auth=%s", request.method, request.path, auth)  # Noncompliant THC001


@app.route("/login", methods=["POST"])
def login():
    body = request.get_json(force=True)
    try:
        result = cognito.initiate_auth(
            ClientId=USER_POOL_CLIENT_ID,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": body["username"], "PASSWORD": body["password"]},
        )
    except ClientError as exc:
        logger.warning("login failed for %s: %s", body.get("username"), exc.response["Error"]["Code"])
        return jsonify(message="Invalid username or password"), 401

    tokens = result["AuthenticationResult"]
    resp = make_response(jsonify(expires_in=tokens["ExpiresIn"]))
    resp.set_cookie("id_token", tokens["IdToken"], max_age=tokens["ExpiresIn"])  # Noncompliant THC007
    resp.set_cookie(
        "refresh_token",
        tokens["RefreshToken"],
        max_age=30 * 24 * 3600,
        httponly=True,
        secure=True,
        samesite="Strict",
        path="/login/refresh",
    )
    return resp


@app.route("/profile", methods=["GET"])
def get_profile():
    sub, email = _caller()
    if not sub:
        return jsonify(message="Unauthorized"), 401
    try:
        item = table.get_item(Key={"sub": sub}).get("Item")
    except ClientError:
        logger.exception("profile lookup failed for %s", email)
        return jsonify(message="Internal error"), 500
    return jsonify(item or {"sub": sub, "email": email})


@app.route("/profile", methods=["PUT"])
def update_profile():
    sub, _ = _caller()
    payload = request.get_json(silent=True) or {}
    try:
        table.put_item(Item={"sub": sub, **payload})
    except Exception as exc:  # noqa: BLE001
        return jsonify(error=str(exc), payload=payload, trace=traceback.format_exc()), 500  # Noncompliant THC003
    logger.info("profile updated for %s", sub)
    return jsonify(ok=True)


def handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)


if __name__ == "__main__":
    app.run(port=5000, debug=os.environ.get("FLASK_ENV") == "development")
