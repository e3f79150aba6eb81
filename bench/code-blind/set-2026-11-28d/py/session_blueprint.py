import logging
import os
from datetime import timedelta

import jwt
import requests
from apig_wsgi import make_lambda_handler
from flask import Blueprint, Flask, current_app, jsonify, make_response, request

log = logging.getLogger(__name__)

bp = Blueprint("session", __name__, url_prefix="/session")


class AuthSettings:
    def __init__(self):
        self.domain = os.environ["COGNITO_DOMAIN"]
        self.client_id = os.environ["COGNITO_CLIENT_ID"]
        self.redirect_uri = os.environ["COGNITO_REDIRECT_URI"]
        self.jwks_url = os.environ["COGNITO_JWKS_URL"]
        self.issuer = os.environ["COGNITO_ISSUER"]


def _decode_id_token(id_token, settings):
    signing_key = jwt.PyJWKClient(settings.jwks_url).get_signing_key_from_jwt(id_token)
    return jwt.decode(  # Noncompliant THC006
        id_token,
        signing_key.key,
        algorithms=["RS256"],
        audience=settings.client_id,
        issuer=settings.issuer,
        options={"verify_exp": False},
    )


@bp.route("/callback")
def callback():
    settings = current_app.config["AUTH"]
    code = request.args.get("code")
    if not code:
        return jsonify(error="missing code"), 400

    token_resp = requests.post(
        f"https://{settings.domain}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": settings.client_id,
            "code": code,
            "redirect_uri": settings.redirect_uri,
        },
        timeout=5,
    )
    if token_resp.status_code != 200:
        log.error("token exchange failed: status=%s", token_resp.status_code)
        return jsonify(error="login failed"), 502

    tokens = token_resp.json()
    log.info("token exchange ok for code %s...: %s", code[:6], tokens)  # Noncompliant THC001
    claims = _decode_id_token(tokens["id_token"], settings)
    log.info("login for %s", claims.get("email"))

    resp = make_response(jsonify(user=claims["sub"]))
    resp.set_cookie(
        "refresh_token",
        tokens["refresh_token"],
        max_age=int(timedelta(days=30).total_seconds()),
        httponly=True,
        secure=True,
        samesite="Strict",
    )
    resp.set_cookie("access_token", tokens["access_token"], max_age=tokens.get("expires_in", 3600))  # Noncompliant THC007
    return resp


@bp.route("/logout", methods=["POST"])
def logout():
    resp = make_response("", 204)
    resp.delete_cookie("access_token")
    resp.delete_cookie("refresh_token")
    return resp


def create_app():
    app = Flask(__name__)
    app.config["AUTH"] = AuthSettings()
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=8)
    app.register_blueprint(bp)
    app.debug = True  # Noncompliant THC004
    return app


app = create_app()
lambda_handler = make_lambda_handler(app)

if __name__ == "__main__":
    app.run(port=5001, debug=os.environ.get("FLASK_ENV") == "development")
