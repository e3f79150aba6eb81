import logging
import os

import jwt
from jwt import PyJWKClient
from mangum import Mangum
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

log = logging.getLogger("profile-api")

REGION = os.environ.get("AWS_REGION", "eu-central-1")
POOL_ID = os.environ["USER_POOL_ID"]
CLIENT_ID = os.environ["APP_CLIENT_ID"]
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"
jwks = PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


def bearer(request: Request) -> str:
    return request.headers.get("authorization", "").removeprefix("Bearer ").strip()


def verified_claims(token: str) -> dict:
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)


async def profile(request: Request):
    claims = verified_claims(bearer(request))
    log.info("profile lookup sub=%s trace=%s", claims["sub"], request.headers.get("x-amzn-trace-id"))
    return JSONResponse({"sub": claims["sub"], "email": claims.get("email")})


async def admin_users(request: Request):
    token = bearer(request)
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    if "admin" not in claims.get("cognito:groups", []):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    return JSONResponse({"users": [], "requested_by": claims["sub"]})


async def partner_callback(request: Request):
    payload = await request.json()
    token = payload["id_token"]
    key = jwks.get_signing_key_from_jwt(token).key
    claims = jwt.decode(token, key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006
    response = JSONResponse({"linked": claims["sub"]})
    response.set_cookie("partner_session", token, httponly=True, samesite="lax")  # Noncompliant THC007
    response.set_cookie("ui_density", payload.get("density", "compact"), max_age=86400)
    return response


async def login_complete(request: Request):
    token = bearer(request)
    claims = verified_claims(token)
    response = JSONResponse({"ok": True, "sub": claims["sub"]})
    response.set_cookie("session", token, httponly=True, secure=True, samesite="strict", max_age=3600)
    return response


routes = [
    Route("/me", profile),
    Route("/admin/users", admin_users),
    Route("/partner/callback", partner_callback, methods=["POST"]),
    Route("/login/complete", login_complete, methods=["POST"]),
]

app = Starlette(debug=True, routes=routes)  # Noncompliant THC004
handler = Mangum(app, lifespan="off")
