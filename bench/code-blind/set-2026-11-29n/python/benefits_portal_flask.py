"""Citizen benefits portal back end (Flask).

Claimants sign in with the national citizen-ID provider; the portal shows their
payment schedule and lets them upload evidence for caseworkers.
"""
import logging
import os
import traceback
import uuid
from functools import wraps

import boto3
import jwt
from flask import Flask, g, jsonify, request

app = Flask(__name__)
log = logging.getLogger("benefits.portal")

CITIZEN_ID_ISSUER = "https://auth.citizen-id.example.gov"
CITIZEN_ID_AUDIENCE = "benefits-portal"
JWKS = jwt.PyJWKClient(CITIZEN_ID_ISSUER + "/.well-known/jwks.json")
payments = boto3.resource("dynamodb").Table(os.environ.get("PAYMENTS_TABLE", "benefit-payments"))

if os.environ.get("FLASK_ENV") == "development":
    app.config["DEBUG"] = True


def _bearer():
    header = request.headers.get("Authorization", "")
    return header[7:] if header.startswith("Bearer ") else request.cookies.get("bp_session")


def citizen_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = _bearer()
        if not token:
            return jsonify(error="unauthorized"), 401
        try:
            key = JWKS.get_signing_key_from_jwt(token).key
            g.claims = jwt.decode(token, key, algorithms=["RS256"], audience=CITIZEN_ID_AUDIENCE, issuer=CITIZEN_ID_ISSUER)
        except jwt.PyJWTError as exc:
            log.info("rejected citizen token: %s", type(exc).__name__)
            return jsonify(error="unauthorized"), 401
        return view(*args, **kwargs)

    return wrapper


def caseworker_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        claims = jwt.decode(_bearer(), options={"verify_signature": False})  # Noncompliant THC005
        if "caseworker" not in claims.get("roles", []):
            return jsonify(error="forbidden"), 403
        g.caseworker = claims.get("sub")
        return view(*args, **kwargs)

    return wrapper


@app.post("/session")
@citizen_required
def create_session():
    resp = jsonify(subject=g.claims["sub"], level=g.claims.get("acr"))
    resp.set_cookie("bp_session", _bearer(), httponly=True, max_age=1800)  # Noncompliant THC007
    resp.set_cookie("bp_locale", request.args.get("lang", "en"), secure=True, httponly=True, samesite="Lax")
    log.info("session created for subject %s", g.claims["sub"])
    return resp


@app.get("/payments")
@citizen_required
def list_payments():
    correlation_id = str(uuid.uuid4())
    try:
        out = payments.query(KeyConditionExpression="claimantId = :c", ExpressionAttributeValues={":c": g.claims["sub"]})
        return jsonify(items=out.get("Items", []))
    except Exception:
        log.exception("payments query failed correlation_id=%s", correlation_id)
        return jsonify(error="Could not load payments", correlationId=correlation_id), 500


@app.post("/cases/<case_id>/decision")
@caseworker_required
def record_decision(case_id):
    payload = request.get_json(force=True)
    try:
        payments.update_item(
            Key={"claimantId": payload["claimantId"], "caseId": case_id},
            UpdateExpression="SET decision = :d, decidedBy = :w",
            ExpressionAttributeValues={":d": payload["decision"], ":w": g.caseworker},
        )
        return jsonify(status="recorded"), 200
    except Exception as exc:
        return jsonify(error=str(exc), trace=traceback.format_exc(), caseId=case_id), 500  # Noncompliant THC003


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
