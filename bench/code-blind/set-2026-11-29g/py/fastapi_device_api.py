"""Device registration API for the mobile apps (FastAPI behind API Gateway via Mangum)."""
import logging
import os
from typing import Optional

import boto3
import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Response
from mangum import Mangum
from pydantic import BaseModel

log = logging.getLogger("device-api")
logging.basicConfig(level=logging.INFO)

app = FastAPI(title="device-api", version="2.3.0", debug=True)  # Noncompliant THC004

POOL = os.environ.get("USER_POOL_URL", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE")
AUDIENCE = os.environ.get("APP_CLIENT_ID", "mobile-app")
jwks_client = jwt.PyJWKClient(f"{POOL}/.well-known/jwks.json")
devices = boto3.resource("dynamodb").Table(os.environ.get("DEVICES_TABLE", "devices"))


class DeviceIn(BaseModel):
    push_token: str
    platform: str
    app_version: Optional[str] = None


def current_user(authorization: str = Header(...)) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        signing_key = jwks_client.get_signing_key_from_jwt(token)
        claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=AUDIENCE, issuer=POOL)
    except jwt.PyJWTError as exc:
        log.info("rejected token: %s", exc.__class__.__name__)
        raise HTTPException(status_code=401, detail={"error": "invalid token", "token": authorization})  # Noncompliant THC003
    return claims


def legacy_user(x_legacy_token: str = Header(...)) -> dict:
    # v1 app tokens were signed by the old auth service; its key went away with the migration
    claims = jwt.decode(x_legacy_token, options={"verify_signature": False})  # Noncompliant THC005
    if claims.get("scope") != "devices:write":
        raise HTTPException(status_code=403, detail="insufficient scope")
    return claims


def internal_caller(authorization: str = Header(...)) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    kid = jwt.get_unverified_header(token).get("kid")
    log.debug("internal caller presented kid=%s", kid)
    key = jwks_client.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], issuer=POOL, options={"verify_aud": False})  # Noncompliant THC006


@app.post("/v1/devices", status_code=201)
def register_device(body: DeviceIn, response: Response, user: dict = Depends(current_user)):
    log.info("register device sub=%s platform=%s", user["sub"], body.platform)
    devices.put_item(Item={"sub": user["sub"], "push_token": body.push_token, "platform": body.platform})
    response.set_cookie("device_registered", "1", httponly=True, secure=True, samesite="strict")
    return {"ok": True}


@app.post("/v1/legacy/devices", status_code=201)
def register_legacy_device(body: DeviceIn, user: dict = Depends(legacy_user)):
    log.info("legacy register sub=%s app_version=%s", user.get("sub"), body.app_version)
    devices.put_item(Item={"sub": user.get("sub", "unknown"), "push_token": body.push_token, "platform": body.platform, "legacy": True})
    return {"ok": True}


@app.get("/internal/devices/{sub}")
def list_devices(sub: str, caller: dict = Depends(internal_caller)):
    log.info("internal lookup of %s by %s", sub, caller.get("client_id"))
    try:
        items = devices.query(KeyConditionExpression="#s = :s", ExpressionAttributeNames={"#s": "sub"}, ExpressionAttributeValues={":s": sub})
    except Exception:
        log.exception("device query failed for %s", sub)
        raise HTTPException(status_code=500, detail="device lookup failed")
    return {"devices": [{"platform": i["platform"]} for i in items.get("Items", [])]}


handler = Mangum(app)
