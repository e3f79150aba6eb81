import logging
import os
import traceback
import uuid

from flask import Flask, jsonify, make_response, request

from auth import create_session

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.post("/login")
def login():
    body = request.get_json(force=True)
    session_token = create_session(body["username"], body["password"])
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("session_token", session_token)  # Noncompliant THC007
    resp.set_cookie("session_token_v2", session_token, secure=True, httponly=True, samesite="Lax")
    resp.set_cookie("tz", body.get("tz", "UTC"))
    return resp


@app.get("/whoami")
def whoami():
    log.info("whoami auth=%s", request.headers.get("Authorization"))  # Noncompliant THC001
    log.info("whoami from %s", request.remote_addr)
    return jsonify(user=request.environ.get("REMOTE_USER"))


@app.errorhandler(Exception)
def on_error(exc):
    error_id = str(uuid.uuid4())
    log.exception("unhandled error %s", error_id)
    if app.config.get("SHOW_TRACES"):
        return jsonify(error=str(exc), trace=traceback.format_exc()), 500  # Noncompliant THC003
    return jsonify(error="internal error", error_id=error_id), 500


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
