"""Slack incident bot: /incident opens a channel and a tracking record,
and the on-call console page uses a short-lived session cookie.

Flask on ECS Fargate, boto3, slack_sdk.
"""
import hashlib
import hmac
import logging
import os
import secrets
import time
import traceback
import uuid

import boto3
from flask import Flask, jsonify, make_response, request
from slack_sdk import WebClient

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("incident-bot")

app = Flask(__name__)
app.config["DEBUG"] = os.environ.get("FLASK_ENV") == "development"

ssm = boto3.client("ssm")
dynamodb = boto3.resource("dynamodb")
incidents = dynamodb.Table(os.environ.get("INCIDENTS_TABLE", "incidents"))
sessions = dynamodb.Table(os.environ.get("SESSIONS_TABLE", "oncall-console-sessions"))


def _param(name):
    return ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


SIGNING_SECRET = _param("/incident-bot/slack/signing-secret")
bot_token = _param("/incident-bot/slack/bot-token")
logger.info("slack bot token %s", bot_token)  # Noncompliant THC001
logger.info("loaded slack credentials from %s", "/incident-bot/slack/bot-token")
slack = WebClient(token=bot_token)


def verify_slack(req):
    ts = req.headers.get("X-Slack-Request-Timestamp", "0")
    if abs(time.time() - int(ts)) > 300:
        return False
    base = f"v0:{ts}:{req.get_data(as_text=True)}".encode()
    expected = "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, req.headers.get("X-Slack-Signature", ""))


@app.post("/slack/incident")
def open_incident():
    if not verify_slack(request):
        return jsonify(error="invalid signature"), 401
    form = request.form
    incident_id = f"INC-{int(time.time())}"
    severity = (form.get("text") or "sev3").split()[0]
    logger.info("opening %s (%s) for user %s in %s", incident_id, severity, form.get("user_id"), form.get("channel_id"))
    try:
        channel = slack.conversations_create(name=incident_id.lower())["channel"]["id"]
        incidents.put_item(Item={"id": incident_id, "severity": severity, "channel": channel,
                                 "opened_by": form.get("user_id"), "opened_at": int(time.time())})
        slack.chat_postMessage(channel=channel, text=f":rotating_light: {incident_id} ({severity}) opened by <@{form.get('user_id')}>")
        return jsonify(response_type="in_channel", text=f"Opened {incident_id}: <#{channel}>")
    except Exception as e:
        logger.exception("failed to open incident %s", incident_id)
        return jsonify(error=str(e), trace=traceback.format_exc()), 500  # Noncompliant THC003


@app.post("/console/login")
def console_login():
    if not verify_slack(request):
        return jsonify(error="invalid signature"), 401
    user_id = request.form["user_id"]
    session_token = secrets.token_urlsafe(32)
    sessions.put_item(Item={"token_hash": hashlib.sha256(session_token.encode()).hexdigest(),
                            "user_id": user_id, "expires_at": int(time.time()) + 3600})
    logger.info("console session for %s (hash %s)", user_id, hashlib.sha256(session_token.encode()).hexdigest()[:10])
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("session_token", session_token, max_age=3600)  # Noncompliant THC007
    resp.set_cookie("csrf_token", secrets.token_urlsafe(16), max_age=3600, httponly=True, secure=True, samesite="Strict")
    return resp


@app.errorhandler(404)
def not_found(_err):
    return jsonify(error="not found", correlation_id=str(uuid.uuid4())), 404


@app.errorhandler(500)
def server_error(_err):
    correlation_id = str(uuid.uuid4())
    logger.error("unhandled error %s", correlation_id)
    return jsonify(error="internal error", correlation_id=correlation_id), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
