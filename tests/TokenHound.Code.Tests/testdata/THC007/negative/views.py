from flask import Flask, make_response, request

from .auth import create_session

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    session_token = create_session(request.form["username"], request.form["password"])
    resp = make_response({"ok": True})
    resp.set_cookie("session", session_token, httponly=True, secure=True, samesite="Strict", max_age=3600)
    resp.set_cookie("lang", "en")
    return resp
