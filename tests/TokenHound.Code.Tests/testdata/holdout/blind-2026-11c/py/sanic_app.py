import os
from uuid import uuid4

import jwt
from loguru import logger
from sanic import Blueprint, Sanic
from sanic.exceptions import Forbidden, Unauthorized
from sanic.response import json as json_response

app = Sanic("catalog")
admin = Blueprint("admin", url_prefix="/admin")

JWT_PUBLIC_KEY = os.environ["JWT_PUBLIC_KEY"]
LEGACY_SECRET = os.environ.get("LEGACY_JWT_SECRET", "")
AUDIENCE = "catalog-api"
ISSUER = "https://id.example.com/"


def _bearer(request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("bearer token required")
    return token


def verified_claims(request) -> dict:
    token = _bearer(request)
    return jwt.decode(token, JWT_PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)


@admin.get("/stats")
async def stats(request):
    claims = jwt.decode(_bearer(request), options={"verify_signature": False})  # Noncompliant THC005
    if "catalog:admin" not in claims.get("scope", "").split():
        raise Forbidden("admin scope required")
    return json_response({"items": await request.app.ctx.repo.count()})


@admin.post("/reindex")
async def reindex(request):
    claims = jwt.decode(_bearer(request), JWT_PUBLIC_KEY, algorithms=["RS256"], audience=AUDIENCE, options={"verify_exp": False})  # Noncompliant THC006
    logger.info("reindex requested by {}", claims["sub"])
    await request.app.ctx.repo.reindex()
    return json_response({"status": "started"}, status=202)


@admin.get("/legacy/export")
async def legacy_export(request):
    claims = jwt.decode(_bearer(request), LEGACY_SECRET)  # Noncompliant THC005
    if claims.get("role") != "exporter":
        raise Forbidden("exporter role required")
    return json_response(await request.app.ctx.repo.export())


@app.get("/catalog/<sku>")
async def item(request, sku: str):
    claims = verified_claims(request)
    logger.info("catalog lookup sku={} by sub={}", sku, claims["sub"])
    found = await request.app.ctx.repo.get(sku)
    return json_response(found or {"message": "not found"}, status=200 if found else 404)


@app.middleware("request")
async def tag_request(request):
    request.ctx.request_id = request.headers.get("x-request-id") or uuid4().hex
    logger.bind(request_id=request.ctx.request_id).debug("start {} {}", request.method, request.path)


@app.exception(Exception)
async def on_error(request, exc):
    logger.opt(exception=exc).error("unhandled error in {}", request.path)
    return json_response({"message": "internal error", "requestId": getattr(request.ctx, "request_id", None)}, status=500)


app.blueprint(admin)
