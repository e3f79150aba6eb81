"""SAML-to-OIDC bridge for B2B customers of the field-service SaaS.

Customer IdPs post SAML assertions to the upstream broker, which hands us an
OIDC id_token. We mint a portal session and forward partner API calls.
"""
import hashlib
import logging
import os
import traceback
from typing import Optional

import httpx
import jwt
from fastapi import FastAPI, Form, Header, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from jwt import PyJWKClient
from pydantic import BaseModel

log = logging.getLogger("sso-bridge")
app = FastAPI(title="sso-bridge")

BROKER_ISSUER = os.environ.get("BROKER_ISSUER", "https://broker.sso.example.com")
BROKER_AUDIENCE = os.environ.get("BROKER_AUDIENCE", "field-portal")
PARTNER_JWT_SECRET = os.environ.get("PARTNER_JWT_SECRET", "FAKE-partner-hmac-secret-for-tests")
jwks = PyJWKClient(f"{BROKER_ISSUER}/.well-known/jwks.json")


class PortalSession(BaseModel):
    subject: str
    tenant: str
    admin: bool = False


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:12]


def verify_broker_token(id_token: str) -> dict:
    header = jwt.get_unverified_header(id_token)
    signing_key = jwks.get_signing_key(header["kid"]).key
    return jwt.decode(id_token, signing_key, algorithms=["RS256"], audience=BROKER_AUDIENCE, issuer=BROKER_ISSUER)


@app.post("/oidc/callback")
async def oidc_callback(id_token: str = Form(...), session_handle: str = Form(...)):
    claims = verify_broker_token(id_token)
    session = PortalSession(subject=claims["sub"], tenant=claims["tenant"], admin="admin" in claims.get("roles", []))
    log.info("sso login subject=%s tenant=%s", fingerprint(session.subject), session.tenant)
    response = RedirectResponse(url="/app", status_code=303)
    response.set_cookie("portal_session", session_handle, secure=True)  # Noncompliant THC007
    response.set_cookie("portal_tenant", session.tenant, secure=True, httponly=True, samesite="strict")
    return response


@app.get("/admin/tenants/{tenant_id}/users")
async def list_tenant_users(tenant_id: str, authorization: Optional[str] = Header(None)):
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401)
    token = authorization[7:]
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    if claims.get("tenant") != tenant_id or "admin" not in claims.get("roles", []):
        raise HTTPException(status_code=403, detail="admin role required")
    async with httpx.AsyncClient(base_url=BROKER_ISSUER) as client:
        r = await client.get(f"/tenants/{tenant_id}/users", headers={"Authorization": authorization})
    return r.json()


@app.post("/partner/work-orders")
async def partner_work_orders(request: Request, x_partner_token: str = Header(...)):
    try:
        claims = jwt.decode(x_partner_token, PARTNER_JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False})  # Noncompliant THC006
        body = await request.json()
        log.info("partner %s submitted %d work orders", claims["iss"], len(body.get("orders", [])))
        return {"accepted": len(body.get("orders", []))}
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401, detail="invalid partner token")
    except Exception:  # noqa: BLE001
        log.exception("partner submission failed")
        return JSONResponse(status_code=500, content={"error": "submission failed", "detail": traceback.format_exc()})  # Noncompliant THC003


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    correlation_id = request.headers.get("x-amzn-trace-id", "unknown")
    log.error("unhandled %s correlation=%s", type(exc).__name__, correlation_id)
    return JSONResponse(status_code=500, content={"error": "internal error", "correlationId": correlation_id})
