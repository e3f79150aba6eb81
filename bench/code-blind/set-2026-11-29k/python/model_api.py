"""Flask service in front of the churn-model SageMaker endpoint."""
import json
import logging
import os
import secrets
import traceback

import boto3
import jwt
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("model_api")

runtime = boto3.client("sagemaker-runtime")
ENDPOINT = os.environ.get("SM_ENDPOINT", "churn-xgb-prod")
ISSUER = os.environ["TOKEN_ISSUER"]
AUDIENCE = os.environ.get("TOKEN_AUDIENCE", "model-api")
jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


def _bearer() -> str:
    return request.headers.get("Authorization", "").removeprefix("Bearer ")


def _verified_claims() -> dict:
    token = _bearer()
    signing_key = jwks_client.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)


def _caller_groups() -> list:
    claims = jwt.decode(_bearer(), options={"verify_signature": False})  # Noncompliant THC005
    return claims.get("cognito:groups", [])


@app.before_request
def trace_request():
    logger.debug("incoming headers: %s", dict(request.headers))  # Noncompliant THC002
    logger.info("request %s %s id=%s", request.method, request.path, request.headers.get("X-Request-Id"))


@app.post("/v1/predict")
def predict():
    if "ml-consumers" not in _caller_groups():
        return jsonify(error="forbidden"), 403
    payload = request.get_json(force=True)
    try:
        resp = runtime.invoke_endpoint(
            EndpointName=ENDPOINT,
            ContentType="application/json",
            Body=json.dumps({"instances": payload["instances"]}),
        )
        return jsonify(json.loads(resp["Body"].read()))
    except Exception:
        logger.exception("prediction failed for endpoint %s", ENDPOINT)
        return jsonify(error="prediction failed", trace=traceback.format_exc()), 500  # Noncompliant THC003


@app.post("/v1/session")
def create_session():
    try:
        claims = _verified_claims()
    except jwt.PyJWTError as exc:
        logger.warning("session token rejected: %s", type(exc).__name__)
        return jsonify(error="unauthorized"), 401
    session_token = jwt.encode({"sub": claims["sub"], "scope": "predict"}, os.environ["SESSION_KEY"], algorithm="HS256")
    csrf = secrets.token_urlsafe(24)
    resp = make_response(jsonify(ok=True, sub=claims["sub"]))
    resp.set_cookie("model_api_session", session_token, max_age=3600)  # Noncompliant THC007
    resp.set_cookie("model_api_csrf", csrf, max_age=3600, secure=True, httponly=True, samesite="Strict")
    return resp


@app.get("/healthz")
def healthz():
    return jsonify(status="ok", endpoint=ENDPOINT)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
