"""Inventory service: FastAPI app behind API Gateway (Mangum adapter)."""
import hashlib
import os
from functools import lru_cache

import jwt
import structlog
from fastapi import Depends, FastAPI, Header, HTTPException
from jwt import PyJWKClient
from mangum import Mangum
from pydantic import BaseModel

log = structlog.get_logger("inventory")

ISSUER = os.environ.get("TOKEN_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Inv3ntory")

app = FastAPI(title="inventory", version="1.4.2", debug=True)  # Noncompliant THC004


@lru_cache(maxsize=1)
def jwks_client() -> PyJWKClient:
    return PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


class StockUpdate(BaseModel):
    sku: str
    delta: int


def bearer_token(authorization: str = Header(default="")) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="Not authenticated")
    return token


def current_user(token: str = Depends(bearer_token)) -> dict:
    header = jwt.get_unverified_header(token)
    log.debug("verifying token", kid=header.get("kid"), token_sha256=hashlib.sha256(token.encode()).hexdigest()[:16])
    try:
        signing_key = jwks_client().get_signing_key_from_jwt(token)
        claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006
    except jwt.PyJWTError as exc:
        log.warning("token rejected", error=type(exc).__name__, token=token)  # Noncompliant THC001
        raise HTTPException(status_code=401, detail="Invalid token")
    return claims


def is_warehouse_staff(token: str = Depends(bearer_token)) -> bool:
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    return "warehouse" in claims.get("cognito:groups", [])


@app.get("/stock/{sku}")
def read_stock(sku: str, user: dict = Depends(current_user)):
    log.info("stock lookup", sku=sku, sub=user.get("sub"))
    return {"sku": sku, "available": 42}


@app.post("/stock")
def update_stock(update: StockUpdate, staff: bool = Depends(is_warehouse_staff)):
    if not staff:
        raise HTTPException(status_code=403, detail="Forbidden")
    log.info("stock adjusted", sku=update.sku, delta=update.delta)
    return {"sku": update.sku, "adjusted": update.delta}


@app.get("/health")
def health():
    return {"status": "ok"}


handler = Mangum(app, lifespan="off")
