import json
import traceback

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports", methods=["POST"])
def create_report():
    try:
        return jsonify(build(request.get_json()))
    except Exception as e:
        return jsonify({"error": str(e), "trace": traceback.format_exc()}), 500  # Noncompliant


@app.route("/exports")
def export():
    try:
        return jsonify(build({}))
    except ValueError as e:
        return f"bad request {request.args}: {e}", 400  # Noncompliant


def lambda_handler(event, context):
    try:
        return {"statusCode": 200, "body": json.dumps(build(json.loads(event["body"])))}
    except Exception:
        return {
            "statusCode": 500,
            "body": traceback.format_exc(),  # Noncompliant
        }


def build(payload):
    return {"rows": len(payload)}
