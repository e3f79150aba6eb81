import json
import logging
import traceback

from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/reports", methods=["POST"])
def create_report():
    try:
        return jsonify(build(request.get_json()))
    except Exception:
        log.error("report failed: %s", traceback.format_exc())
        return jsonify({"error": "internal error"}), 500


@app.route("/exports")
def export():
    try:
        return jsonify(build({}))
    except ValueError as e:
        return jsonify({"error": str(e)}), 400


def lambda_handler(event, context):
    try:
        return {"statusCode": 200, "body": json.dumps(build(json.loads(event["body"])))}
    except Exception:
        log.exception("failed")
        return {"statusCode": 500, "body": json.dumps({"message": "internal error", "requestId": context.aws_request_id})}


def build(payload):
    return {"rows": len(payload)}
