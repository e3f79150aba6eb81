"""Caseworker back office API (FastAPI) for the housing-assistance programme.

Staff authenticate against the agency OIDC provider; citizen tokens from the
public portal are accepted on the read-only status endpoints.
"""
import hashlib
import logging
import os
from typing import Optional

import httpx
import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Request

log = logging.getLogger("caseworker.api")
logging.basicConfig(level=logging.INFO)

AGENCY_ISSUER = os.environ.get("AGENCY_ISSUER", "https://sso.agency.example.gov/realms/staff")
AGENCY_AUDIENCE = "caseworker-backoffice"
PORTAL_ISSUER = "https://auth.citizen-id.example.gov"
USERINFO_URL = AGENCY_ISSUER + "/protocol/openid-connect/userinfo"
CASE_SERVICE = os.environ.get("CASE_SERVICE_URL", "http://case-service.internal:8080")

agency_jwks = jwt.PyJWKClient(AGENCY_ISSUER + "/protocol/openid-connect/certs")
portal_jwks = jwt.PyJWKClient(PORTAL_ISSUER + "/.well-known/jwks.json")

app = FastAPI(title="Caseworker back office")


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:10]


def _strip(authorization: Optional[str]) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(status_code=401, detail="missing bearer token")
    return authorization.split(" ", 1)[1]


def staff_claims(authorization: Optional[str] = Header(None)) -> dict:
    token = _strip(authorization)
    key = agency_jwks.get_signing_key_from_jwt(token).key
    try:
        claims = jwt.decode(token, key, algorithms=["RS256"], audience=AGENCY_AUDIENCE, issuer=AGENCY_ISSUER)
    except jwt.PyJWTError:
        log.info("staff token rejected fp=%s", _fingerprint(token))
        raise HTTPException(status_code=401, detail="invalid token")
    log.info("staff %s authenticated", claims.get("preferred_username"))
    return {"token": token, **claims}


def citizen_claims(authorization: Optional[str] = Header(None)) -> dict:
    token = _strip(authorization)
    key = portal_jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], issuer=PORTAL_ISSUER, options={"verify_aud": False})  # Noncompliant THC006


def kiosk_claims(authorization: Optional[str] = Header(None)) -> dict:
    # Office kiosks have clocks that drift; tolerate old tokens.
    token = _strip(authorization)
    key = agency_jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=AGENCY_AUDIENCE, options={"verify_exp": False})  # Noncompliant THC006


@app.middleware("http")
async def access_log(request: Request, call_next):
    log.debug("incoming %s %s headers=%s", request.method, request.url.path, dict(request.headers))  # Noncompliant THC002
    response = await call_next(request)
    log.info("%s %s -> %s", request.method, request.url.path, response.status_code)
    return response


@app.get("/me")
async def me(claims: dict = Depends(staff_claims)):
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.get(USERINFO_URL, headers={"Authorization": f"Bearer {claims['token']}"})
    r.raise_for_status()
    return {"username": claims.get("preferred_username"), "profile": r.json()}


@app.get("/cases/{case_id}")
async def get_case(case_id: str, claims: dict = Depends(staff_claims)):
    access_token = claims["token"]
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.get(f"{CASE_SERVICE}/cases/{case_id}?access_token={access_token}")  # Noncompliant THC009
    if r.status_code == 404:
        raise HTTPException(status_code=404, detail="case not found")
    log.info("case %s read by %s", case_id, claims.get("sub"))
    return r.json()


@app.get("/status/{application_id}")
async def application_status(application_id: str, claims: dict = Depends(citizen_claims)):
    return {"applicationId": application_id, "applicant": claims["sub"], "status": "under-review"}


@app.get("/kiosk/queue")
async def kiosk_queue(claims: dict = Depends(kiosk_claims)):
    return {"office": claims.get("office_id"), "waiting": 4}
