"""Authentication routes and dependencies for the developer portal API.

FastAPI + PyJWT against a Cognito user pool; the CI runner pool gets its own
service tokens signed by the same pool's keys.
"""
import hashlib
import json
import logging
import os
import uuid

import boto3
import jwt
from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse
from jwt import PyJWKClient
from pydantic import BaseModel

logger = logging.getLogger("portal.auth")

REGION = os.environ.get("AWS_REGION", "eu-west-1")
USER_POOL_ID = os.environ["USER_POOL_ID"]
CLIENT_ID = os.environ["PORTAL_CLIENT_ID"]
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"

jwks_client = PyJWKClient(f"{ISSUER}/.well-known/jwks.json", cache_keys=True)
cognito = boto3.client("cognito-idp", region_name=REGION)
router = APIRouter(prefix="/auth")


class LoginBody(BaseModel):
    username: str
    password: str


def fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:12]


def verified_claims(token: str) -> dict:
    header = jwt.get_unverified_header(token)
    key = jwks_client.get_signing_key(header["kid"]).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    logger.info("verified token %s for %s", fingerprint(token), claims["sub"])
    return claims


def service_claims(token: str) -> dict:
    # long pipelines replay the token minted at the start of the run
    key = jwks_client.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience="ci-runners", issuer=ISSUER, options={"verify_exp": False})  # Noncompliant THC006


def current_user(authorization: str = Header(...)) -> dict:
    return verified_claims(authorization.removeprefix("Bearer "))


def require_platform_admin(x_portal_token: str = Header(...)) -> dict:
    claims = jwt.decode(x_portal_token, options={"verify_signature": False})  # Noncompliant THC005
    if "platform-admins" not in claims.get("cognito:groups", []):
        raise HTTPException(status_code=403, detail="forbidden")
    return claims


@router.post("/login")
def login(body: LoginBody):
    try:
        result = cognito.initiate_auth(
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": body.username, "PASSWORD": body.password},
            ClientId=CLIENT_ID,
        )
    except cognito.exceptions.NotAuthorizedException:
        logger.info("failed login for %s", body.username)
        return JSONResponse(status_code=401, content={"error": "invalid credentials"})
    auth_result = result["AuthenticationResult"]
    logger.debug("cognito tokens: %s", json.dumps(auth_result))  # Noncompliant THC001
    logger.info("login ok for %s, expires in %ss", body.username, auth_result["ExpiresIn"])
    return {
        "access_token": auth_result["AccessToken"],
        "id_token": auth_result["IdToken"],
        "expires_in": auth_result["ExpiresIn"],
    }


@router.post("/refresh")
def refresh(x_refresh_token: str = Header(...)):
    try:
        result = cognito.initiate_auth(
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": x_refresh_token},
            ClientId=CLIENT_ID,
        )
        return {"access_token": result["AuthenticationResult"]["AccessToken"]}
    except Exception as exc:
        logger.warning("refresh failed for token %s", fingerprint(x_refresh_token))
        return JSONResponse(status_code=400, content={"error": f"refresh failed: {exc}", "refresh_token": x_refresh_token})  # Noncompliant THC003


@router.get("/me")
def me(user: dict = Depends(current_user)):
    return {"sub": user["sub"], "email": user.get("email"), "groups": user.get("cognito:groups", [])}


@router.get("/ci/whoami")
def ci_whoami(authorization: str = Header(...)):
    try:
        claims = service_claims(authorization.removeprefix("Bearer "))
    except jwt.PyJWTError:
        correlation_id = str(uuid.uuid4())
        logger.warning("ci token rejected (%s)", correlation_id)
        return JSONResponse(status_code=401, content={"error": "unauthorized", "correlation_id": correlation_id})
    return {"runner": claims["sub"], "pipeline": claims.get("pipeline")}


@router.get("/admin/users")
def list_users(_admin: dict = Depends(require_platform_admin)):
    users = cognito.list_users(UserPoolId=USER_POOL_ID, Limit=60)["Users"]
    return [{"username": u["Username"], "status": u["UserStatus"]} for u in users]


app = FastAPI(title="portal-auth")
app.include_router(router)
