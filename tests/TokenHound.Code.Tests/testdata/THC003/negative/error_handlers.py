"""Orders API error handlers that keep internals to the log and send a generic body."""
import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from flask import Flask, jsonify, request

logger = logging.getLogger(__name__)
app = Flask(__name__)


@app.errorhandler(404)
def not_found(e):
    return jsonify({"error": "not found", "path": request.path}), 404


@app.errorhandler(Exception)
def on_error(e):
    incident = str(uuid.uuid4())
    logger.exception("unhandled error, incident %s", incident)
    return jsonify({"error": "internal error", "incident": incident, "request_id": request.headers.get("x-request-id")}), 500


api = FastAPI()


@api.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.error("unhandled %s on %s", type(exc).__name__, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal error"})
