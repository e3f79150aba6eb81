import logging
import os
import secrets

from flask import Blueprint, Flask, jsonify, make_response, request

accounts = Blueprint("accounts", __name__, url_prefix="/accounts")
logger = logging.getLogger(__name__)

USERNAME_MAX = 64


def _clean_username(raw):
    name = (raw or "").strip().lower()
    if not name or len(name) > USERNAME_MAX or not name.replace("_", "").isalnum():
        raise ValueError("invalid username")
    return name


def _issue_tokens(username):
    return {"access": secrets.token_urlsafe(32), "refresh": secrets.token_urlsafe(48), "user": username}


@accounts.route("/login", methods=["POST"])
def login():
    body = request.get_json(silent=True) or {}
    try:
        username = _clean_username(body.get("username"))
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    tokens = _issue_tokens(username)
    resp = make_response(jsonify(user=username))
    resp.set_cookie("session_token", tokens["access"], httponly=True, secure=True, samesite="Strict")
    resp.set_cookie("refresh_token", tokens["refresh"], max_age=30 * 86400)  # Noncompliant THC007
    logger.info("login ok user=%s", username)
    return resp


@accounts.route("/<username>/avatar", methods=["PUT"])
def update_avatar(username):
    try:
        name = _clean_username(username)
        blob = request.get_data()
        if len(blob) > 2 * 1024 * 1024:
            return jsonify(error="avatar too large"), 413
        return jsonify(user=name, size=len(blob)), 200
    except Exception as e:
        logger.exception("avatar update failed")
        return jsonify(error=str(e), request_headers=dict(request.headers)), 500  # Noncompliant THC003


def create_app():
    app = Flask(__name__)
    app.register_blueprint(accounts)
    if os.environ.get("FLASK_ENV") == "development":
        app.debug = True
    return app
