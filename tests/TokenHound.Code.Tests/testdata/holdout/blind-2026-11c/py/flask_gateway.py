import os

import requests
from flask import Flask, g, jsonify, request
from loguru import logger

from .orders import submit_order

app = Flask(__name__)
PARTNER_URL = "https://api.partner.example.com/v2"


@app.before_request
def tag_request():
    g.request_id = request.headers.get("X-Request-Id", "-")
    logger.info("request {} {} id={}", request.method, request.path, g.request_id)


def partner_key() -> str:
    key = os.environ.get("PARTNER_API_KEY")
    if not key:
        raise RuntimeError("PARTNER_API_KEY not configured")
    return key


@app.get("/quotes/<symbol>")
def quote(symbol: str):
    if not symbol.isalnum():
        return jsonify(message="bad symbol"), 400
    resp = requests.get(f"{PARTNER_URL}/quotes/{symbol}?api_key={partner_key()}", timeout=5)  # Noncompliant THC009
    resp.raise_for_status()
    return jsonify(resp.json())


@app.get("/quotes/<symbol>/history")
def history(symbol: str):
    days = min(int(request.args.get("days", 30)), 365)
    resp = requests.get(f"{PARTNER_URL}/history/{symbol}", headers={"X-Api-Key": partner_key()}, params={"days": days}, timeout=5)
    resp.raise_for_status()
    return jsonify(resp.json())


@app.post("/orders")
def create_order():
    payload = request.get_json(silent=True) or {}
    token = request.headers.get("Authorization", "")
    logger.debug(f"order from token {token}")  # Noncompliant THC001
    try:
        order = submit_order(payload, token)
    except ValueError as e:
        return jsonify(error=str(e), request=payload), 400  # Noncompliant THC003
    except Exception:
        logger.exception("order failed id={}", g.request_id)
        return jsonify(error="internal error", request_id=g.request_id), 500
    return jsonify(order), 201


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), debug=True)  # Noncompliant THC004
