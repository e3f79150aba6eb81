import logging
import os
import time
import uuid

import boto3
import httpx
import jwt
import structlog
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from mangum import Mangum

log = structlog.get_logger()
access_log = logging.getLogger("partner-gw.access")
app = FastAPI(title="partner-gateway")

PARTNER_API = os.environ["PARTNER_API_URL"]
GATEWAY_AUDIENCE = os.environ.get("GATEWAY_AUDIENCE", "partner-gateway")
ssm = boto3.client("ssm")


def partner_client_secret() -> str:
    param = ssm.get_parameter(Name="/partner-gw/client-secret", WithDecryption=True)
    return param["Parameter"]["Value"]


async def fetch_partner_token() -> dict:
    secret = partner_client_secret()
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.post(
            f"{PARTNER_API}/oauth/token",
            data={"grant_type": "client_credentials", "client_id": os.environ["PARTNER_CLIENT_ID"], "client_secret": secret},
        )
    resp.raise_for_status()
    body = resp.json()
    log.info("partner token refreshed", expires_in=body.get("expires_in"), token_type=body.get("token_type"))
    log.debug("partner token", access_token=body["access_token"])  # Noncompliant THC001
    return body


@app.middleware("http")
async def request_logging(request: Request, call_next):
    request.state.correlation_id = request.headers.get("x-correlation-id", str(uuid.uuid4()))
    access_log.info("request headers: %s", dict(request.headers))  # Noncompliant THC002
    started = time.monotonic()
    response = await call_next(request)
    elapsed = (time.monotonic() - started) * 1000
    access_log.info("%s %s -> %s in %.1fms", request.method, request.url.path, response.status_code, elapsed)
    return response


def caller_claims(request: Request) -> dict:
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not token:
        raise HTTPException(status_code=401)
    try:
        return jwt.decode(token, os.environ["GATEWAY_JWT_SECRET"], algorithms=["HS256"], audience=GATEWAY_AUDIENCE)
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401)


@app.get("/partner/orders/{order_id}")
async def partner_order(order_id: str, claims: dict = Depends(caller_claims)):
    token = (await fetch_partner_token())["access_token"]
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get(f"{PARTNER_API}/orders/{order_id}", headers={"Authorization": f"Bearer {token}"})
        await client.get(f"{PARTNER_API}/audit/touch?order={order_id}&access_token={token}")  # Noncompliant THC009
    r.raise_for_status()
    log.info("partner order fetched", order_id=order_id, caller=claims.get("sub"))
    return r.json()


@app.exception_handler(httpx.HTTPStatusError)
async def partner_error(request: Request, exc: httpx.HTTPStatusError):
    return JSONResponse(status_code=502, content={"error": str(exc), "request_headers": dict(request.headers)})  # Noncompliant THC003


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    log.error("unhandled error", error=type(exc).__name__, correlation_id=request.state.correlation_id)
    return JSONResponse(status_code=500, content={"error": "internal error", "correlation_id": request.state.correlation_id})


handler = Mangum(app)
