"""Orders API (Flask on Lambda through apig-wsgi) and its FastAPI port: the framework error handlers."""
import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from flask import Blueprint, Flask, jsonify, request

logger = logging.getLogger(__name__)
app = Flask(__name__)
orders = Blueprint("orders", __name__)


@app.errorhandler(Exception)
def on_error(e):
    # echoes the request body (tokens, card data) and the exception text to whoever sent it
    return str(e) + " while handling " + request.get_data(as_text=True), 500  # Noncompliant


@orders.app_errorhandler(ValueError)
def on_bad_order(err):
    return jsonify({"error": f"bad order: {err}", "order": request.get_json(silent=True)}), 400  # Noncompliant


api = FastAPI()


@api.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    body = (await request.body()).decode(errors="replace")
    return JSONResponse(status_code=500, content={"detail": str(exc), "request": body})  # Noncompliant
