"""Merchant onboarding portal backend: KYC checks against the identity-verification partner."""
import hashlib
import logging
import os
import secrets
import traceback
import uuid

import boto3
import requests
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
log = logging.getLogger("onboarding.kyc")
logging.basicConfig(level=logging.INFO)

KYC_BASE_URL = os.environ.get("KYC_BASE_URL", "https://api.idcheck-partner.example/v2")
KYC_KEY_PARAM = "/onboarding/kyc/api-key"
APPLICATIONS_TABLE = os.environ.get("APPLICATIONS_TABLE", "merchant-applications")

ssm = boto3.client("ssm")
applications = boto3.resource("dynamodb").Table(APPLICATIONS_TABLE)
_cache = {}


def kyc_api_key():
    if "key" not in _cache:
        _cache["key"] = ssm.get_parameter(Name=KYC_KEY_PARAM, WithDecryption=True)["Parameter"]["Value"]
        log.info("loaded KYC api key from %s", KYC_KEY_PARAM)
    return _cache["key"]


def issue_onboarding_token(merchant_id):
    token = secrets.token_urlsafe(32)
    applications.update_item(
        Key={"merchantId": merchant_id},
        UpdateExpression="SET onboardingTokenHash = :h",
        ExpressionAttributeValues={":h": hashlib.sha256(token.encode()).hexdigest()},
    )
    return token


@app.post("/merchants/<merchant_id>/session")
def create_session(merchant_id):
    token = issue_onboarding_token(merchant_id)
    refresh = secrets.token_urlsafe(48)
    resp = make_response(jsonify(merchantId=merchant_id))
    resp.set_cookie("onboarding_token", token, httponly=True, max_age=3600)  # Noncompliant THC007
    resp.set_cookie("onboarding_refresh", refresh, httponly=True, secure=True, samesite="Strict", path="/merchants/refresh")
    return resp


@app.post("/merchants/<merchant_id>/kyc")
def start_kyc(merchant_id):
    body = request.get_json(force=True)
    payload = {
        "reference": merchant_id,
        "company": {"name": body["legalName"], "registrationNumber": body["registrationNumber"], "country": body["country"]},
        "directors": body.get("directors", []),
    }
    r = requests.post(f"{KYC_BASE_URL}/checks", json=payload, headers={"X-Api-Key": kyc_api_key()}, timeout=10)
    r.raise_for_status()
    check_id = r.json()["id"]
    applications.update_item(
        Key={"merchantId": merchant_id},
        UpdateExpression="SET kycCheckId = :c, kycStatus = :s",
        ExpressionAttributeValues={":c": check_id, ":s": "pending"},
    )
    log.info("kyc check %s started for merchant %s", check_id, merchant_id)
    return jsonify(checkId=check_id, status="pending"), 202


@app.get("/merchants/<merchant_id>/kyc/<check_id>")
def kyc_status(merchant_id, check_id):
    try:
        api_key = kyc_api_key()
        resp = requests.get(f"{KYC_BASE_URL}/checks/{check_id}?api_key={api_key}&reference={merchant_id}", timeout=10)  # Noncompliant THC009
        resp.raise_for_status()
        result = resp.json()
        return jsonify(checkId=check_id, status=result["status"], riskLevel=result.get("risk_level"))
    except Exception as exc:
        return jsonify(error=str(exc), trace=traceback.format_exc()), 500  # Noncompliant THC003


@app.errorhandler(Exception)
def on_unhandled(exc):
    correlation_id = str(uuid.uuid4())
    log.exception("unhandled error correlation_id=%s path=%s", correlation_id, request.path)
    return jsonify(error="internal_error", correlationId=correlation_id), 500


if __name__ == "__main__":
    # container entrypoint: `python kyc_flask_app.py`
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
