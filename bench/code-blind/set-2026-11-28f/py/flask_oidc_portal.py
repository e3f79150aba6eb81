import logging
import os
import secrets
import traceback
from urllib.parse import urlencode

import boto3
import requests
from flask import Flask, jsonify, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET_KEY") or secrets.token_hex(32)
app.logger.setLevel(logging.INFO)

OIDC = {
    "issuer": os.environ.get("OIDC_ISSUER", "https://login.example-idp.com"),
    "client_id": os.environ.get("OIDC_CLIENT_ID", "portal-web"),
    "redirect_uri": os.environ.get("OIDC_REDIRECT_URI", "http://localhost:8080/callback"),
    "secret_id": os.environ.get("OIDC_CLIENT_SECRET_ID", "portal/oidc-client"),
}

_secrets = boto3.client("secretsmanager")
_client_secret_cache = {}


def client_secret():
    if "value" not in _client_secret_cache:
        resp = _secrets.get_secret_value(SecretId=OIDC["secret_id"])
        _client_secret_cache["value"] = resp["SecretString"]
        app.logger.info("loaded OIDC client secret %s (version %s)", OIDC["secret_id"], resp["VersionId"])
    return _client_secret_cache["value"]


@app.route("/login")
def login():
    state = secrets.token_urlsafe(24)
    session["oauth_state"] = state
    params = {
        "response_type": "code",
        "client_id": OIDC["client_id"],
        "redirect_uri": OIDC["redirect_uri"],
        "scope": "openid email profile offline_access",
        "state": state,
    }
    return redirect(f"{OIDC['issuer']}/authorize?{urlencode(params)}")


@app.route("/callback")
def callback():
    if request.args.get("state") != session.pop("oauth_state", None):
        app.logger.warning("state mismatch from %s", request.remote_addr)
        return jsonify(error="invalid_state"), 400
    try:
        token_resp = requests.post(
            f"{OIDC['issuer']}/token",
            data={
                "grant_type": "authorization_code",
                "code": request.args["code"],
                "redirect_uri": OIDC["redirect_uri"],
            },
            auth=(OIDC["client_id"], client_secret()),
            timeout=10,
        )
        token_resp.raise_for_status()
        token = token_resp.json()
        app.logger.info("token response: %s", token)  # Noncompliant THC001
        userinfo = requests.get(
            f"{OIDC['issuer']}/userinfo",
            headers={"Authorization": f"Bearer {token['access_token']}"},
            timeout=10,
        ).json()
        app.logger.info("user %s signed in", userinfo.get("email"))
    except Exception as exc:
        return jsonify(error=str(exc), path=request.path, args=dict(request.args), trace=traceback.format_exc()), 500  # Noncompliant THC003

    session["user"] = {"sub": userinfo["sub"], "email": userinfo.get("email")}
    resp = redirect(url_for("profile"))
    resp.set_cookie("id_token", token["id_token"], httponly=True, max_age=token.get("expires_in", 3600))  # Noncompliant THC007
    resp.set_cookie("portal_rt", token["refresh_token"], httponly=True, secure=True, samesite="Strict", path="/refresh")
    return resp


@app.route("/profile")
def profile():
    user = session.get("user")
    if not user:
        return redirect(url_for("login"))
    return jsonify(user)


@app.errorhandler(500)
def server_error(err):
    app.logger.exception("unhandled error on %s", request.path)
    return jsonify(error="internal server error"), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
