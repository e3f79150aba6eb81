import logging
import os
from functools import wraps

import jwt
from flask import Flask, g, jsonify, make_response, request

app = Flask(__name__)
log = logging.getLogger("portal")

COGNITO_REGION = os.environ.get("COGNITO_REGION", "eu-central-1")
USER_POOL_ID = os.environ["USER_POOL_ID"]
APP_CLIENT_ID = os.environ["APP_CLIENT_ID"]
ISSUER = f"https://cognito-idp.{COGNITO_REGION}.amazonaws.com/{USER_POOL_ID}"
jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


def verified_claims(token: str) -> dict:
    signing_key = jwks_client.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=APP_CLIENT_ID, issuer=ISSUER)


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = request.cookies.get("id_token") or request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            g.claims = verified_claims(token)
        except jwt.PyJWTError as exc:
            log.info("rejected token: %s (len=%d)", type(exc).__name__, len(token))
            return jsonify(error="unauthorized"), 401
        return view(*args, **kwargs)

    return wrapper


@app.post("/session")
def create_session():
    body = request.get_json(force=True)
    claims = verified_claims(body["id_token"])
    resp = make_response(jsonify(user=claims["sub"]))
    resp.set_cookie("id_token", body["id_token"], max_age=3600, httponly=True, secure=True, samesite="Strict")
    resp.set_cookie("access_token", body["access_token"], max_age=3600)  # Noncompliant THC007
    return resp


@app.get("/admin/reports")
def admin_reports():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    if "admins" not in claims.get("cognito:groups", []):
        return jsonify(error="forbidden"), 403
    return jsonify(reports=[])


@app.get("/me")
@login_required
def me():
    return jsonify(sub=g.claims["sub"], email=g.claims.get("email"))


@app.post("/devices/link")
def link_device():
    body = request.get_json(force=True)
    id_token = body["id_token"]
    key = jwks_client.get_signing_key_from_jwt(id_token).key
    claims = jwt.decode(id_token, key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006
    log.info("linking device %s for %s", body.get("device_id"), claims["sub"])
    return jsonify(linked=True)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  # Noncompliant THC004
