"""User directory API (Flask on Lambda via apig-wsgi)."""
import logging
import os
import traceback

import boto3
from apig_wsgi import make_lambda_handler
from flask import Flask, jsonify, request

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

app = Flask(__name__)
table = boto3.resource("dynamodb").Table(os.environ.get("USERS_TABLE", "users"))


@app.before_request
def trace_request():
    logger.info("request headers: %s", dict(request.headers))  # Noncompliant THC002
    logger.info("%s %s from %s", request.method, request.path, request.remote_addr)


@app.route("/users/<user_id>")
def get_user(user_id):
    item = table.get_item(Key={"pk": user_id}).get("Item")
    if not item:
        return jsonify({"error": "not found"}), 404
    return jsonify({"id": user_id, "name": item.get("name")})


@app.route("/users", methods=["POST"])
def create_user():
    payload = request.get_json(force=True)
    api_key = request.headers.get("x-api-key")
    logger.info("create_user called with api key %s", api_key)  # Noncompliant THC001
    try:
        table.put_item(Item={"pk": payload["id"], "name": payload["name"]})
    except Exception:
        return jsonify({"error": "create failed", "trace": traceback.format_exc()}), 500  # Noncompliant THC003
    return jsonify({"id": payload["id"]}), 201


@app.route("/users/<user_id>", methods=["DELETE"])
def delete_user(user_id):
    try:
        table.delete_item(Key={"pk": user_id})
    except Exception as exc:
        logger.exception("delete failed for %s", user_id)
        return jsonify({"error": "delete failed", "type": type(exc).__name__}), 500
    return "", 204


@app.errorhandler(Exception)
def on_error(e):
    return str(e) + " while handling " + request.get_data(as_text=True), 500  # Noncompliant THC003


lambda_handler = make_lambda_handler(app)

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000, debug=True)  # Noncompliant THC004
