"""internal-key-service: issues and revokes service API keys for platform consumers."""
import hashlib
import os
import secrets
import uuid
from datetime import datetime, timedelta, timezone

import boto3
import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from loguru import logger
from pydantic import BaseModel

app = FastAPI(title="internal-key-service", version="2.3.0", debug=True)  # Noncompliant THC004

table = boto3.resource("dynamodb").Table(os.environ.get("KEYS_TABLE", "internal-api-keys"))
ISSUER = os.environ["OIDC_ISSUER"]
jwks_client = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


class KeyRequest(BaseModel):
    service: str
    scopes: list[str]
    ttl_days: int = 30


def current_operator(authorization: str = Header(...)) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        key = jwks_client.get_signing_key_from_jwt(token).key
        claims = jwt.decode(token, key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006
    except jwt.PyJWTError:
        raise HTTPException(status_code=401, detail="invalid token")
    if "platform-operators" not in claims.get("groups", []):
        raise HTTPException(status_code=403, detail="forbidden")
    return claims


def key_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@app.post("/keys", status_code=201)
def issue_key(req: KeyRequest, operator: dict = Depends(current_operator)):
    raw = f"ik_{secrets.token_urlsafe(32)}"
    digest = key_digest(raw)
    expires = datetime.now(timezone.utc) + timedelta(days=req.ttl_days)
    table.put_item(
        Item={
            "pk": digest,
            "service": req.service,
            "scopes": req.scopes,
            "expires": expires.isoformat(),
            "issued_by": operator["sub"],
        }
    )
    logger.info("issued key {} for service {} by {}", raw, req.service, operator["sub"])  # Noncompliant THC001
    logger.info("key fingerprint {} service={} expires={}", digest[:12], req.service, expires.isoformat())
    return {"key": raw, "fingerprint": digest[:12], "expires": expires.isoformat()}


@app.delete("/keys/{fingerprint}", status_code=204)
def revoke_key(fingerprint: str, operator: dict = Depends(current_operator)):
    items = table.scan(
        FilterExpression="begins_with(pk, :fp)", ExpressionAttributeValues={":fp": fingerprint}
    ).get("Items", [])
    if len(items) != 1:
        raise HTTPException(status_code=404, detail="unknown key")
    table.delete_item(Key={"pk": items[0]["pk"]})
    logger.info("revoked key {} by {}", fingerprint, operator["sub"])


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    correlation_id = request.headers.get("x-request-id") or str(uuid.uuid4())
    logger.error("unhandled error {} on {}: {}", correlation_id, request.url.path, type(exc).__name__)
    return JSONResponse(status_code=500, content={"error": "internal error", "correlationId": correlation_id})
