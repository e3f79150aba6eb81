"""Billing-run control API for the utility back office.

Operators trigger monthly billing runs for a rate class; the run pulls meter
reads from the ERP (SOAP) and writes invoices to DynamoDB.
"""
import logging
import os
import secrets
import traceback
import uuid

import boto3
from flask import Flask, jsonify, make_response, request
from zeep import Client as SoapClient
from zeep.wsse.username import UsernameToken

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("billing-run")

app = Flask(__name__)
app.config["JSON_SORT_KEYS"] = False

ERP_WSDL = os.environ.get("ERP_WSDL", "https://erp.internal.example.net/sap/bc/srt/wsdl/meterreads?wsdl")
ERP_USER = os.environ.get("ERP_USER", "BILLING_SVC")
RUNS_TABLE = os.environ.get("RUNS_TABLE", "billing-runs")

dynamodb = boto3.resource("dynamodb")
secrets_client = boto3.client("secretsmanager")


def erp_password() -> str:
    value = secrets_client.get_secret_value(SecretId="prod/erp/billing-svc")["SecretString"]
    log.info("ERP credential fetched from secret %s", "prod/erp/billing-svc")
    return value


def erp_client() -> SoapClient:
    password = erp_password()
    log.info("connecting to ERP as %s with password %s", ERP_USER, password)  # Noncompliant THC001
    return SoapClient(ERP_WSDL, wsse=UsernameToken(ERP_USER, password))


def mask(value: str) -> str:
    return value[:2] + "***" + value[-2:] if len(value) > 4 else "***"


@app.post("/runs")
def start_run():
    payload = request.get_json(force=True)
    rate_class = payload.get("rateClass")
    period = payload.get("period")
    run_id = str(uuid.uuid4())
    try:
        reads = erp_client().service.GetMeterReads(RateClass=rate_class, Period=period)
        table = dynamodb.Table(RUNS_TABLE)
        table.put_item(Item={"runId": run_id, "rateClass": rate_class, "period": period,
                             "meterCount": len(reads), "status": "STARTED"})
        log.info("billing run %s started for %s meters", run_id, len(reads))
        return jsonify(runId=run_id, meters=len(reads)), 202
    except Exception as exc:  # noqa: BLE001
        log.exception("billing run failed")
        return jsonify(error=str(exc), trace=traceback.format_exc(), runId=run_id), 500  # Noncompliant THC003


@app.get("/runs/<run_id>")
def get_run(run_id):
    item = dynamodb.Table(RUNS_TABLE).get_item(Key={"runId": run_id}).get("Item")
    if item is None:
        return jsonify(message="run not found", runId=run_id), 404
    return jsonify(item)


@app.post("/operator/session")
def operator_session():
    body = request.get_json(force=True)
    operator_id = body["operatorId"]
    session_token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(16)
    dynamodb.Table("operator-sessions").put_item(Item={"token": session_token, "operatorId": operator_id})
    log.info("operator %s signed in, session %s", operator_id, mask(session_token))
    resp = make_response(jsonify(operatorId=operator_id))
    resp.set_cookie("billing_session", session_token, max_age=8 * 3600)  # Noncompliant THC007
    resp.set_cookie("billing_csrf", csrf, secure=True, httponly=True, samesite="Strict")
    return resp


@app.errorhandler(500)
def internal_error(_err):
    correlation_id = request.headers.get("X-Correlation-Id", str(uuid.uuid4()))
    return jsonify(message="Internal error", correlationId=correlation_id), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
