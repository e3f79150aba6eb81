"""Checkout API (FastAPI) - merchant-initiated payments and storefront order lookups."""
import hashlib
import logging
import os
import uuid
from typing import Any

import httpx
import jwt
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

logger = logging.getLogger("checkout")

app = FastAPI(title="checkout-api", debug=os.getenv("APP_ENV") == "local")

PSP_BASE_URL = os.environ.get("PSP_BASE_URL", "https://api.psp.example")
PSP_API_KEY = os.environ["PSP_API_KEY"]
STOREFRONT_JWKS_URL = os.environ["STOREFRONT_JWKS_URL"]
STAFF_JWKS_URL = os.environ["STAFF_JWKS_URL"]

storefront_jwks = jwt.PyJWKClient(STOREFRONT_JWKS_URL)
staff_jwks = jwt.PyJWKClient(STAFF_JWKS_URL)


class PaymentDeclined(Exception):
    pass


class PayRequest(BaseModel):
    payment_method_id: str
    amount_minor: int
    currency: str = "EUR"


def _token(authorization: str) -> str:
    return authorization.removeprefix("Bearer ").strip()


def merchant_from_token(authorization: str = Header(...)) -> dict[str, Any]:
    claims = jwt.decode(_token(authorization), options={"verify_signature": False})  # Noncompliant THC005
    if claims.get("merchant_status") != "active":
        raise HTTPException(status_code=403, detail="merchant inactive")
    return claims


def shopper_from_token(authorization: str = Header(...)) -> dict[str, Any]:
    token = _token(authorization)
    key = storefront_jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=["RS256"], audience="storefront", options={"verify_exp": False})  # Noncompliant THC006


def staff_from_token(authorization: str = Header(...)) -> dict[str, Any]:
    token = _token(authorization)
    kid = jwt.get_unverified_header(token).get("kid")
    key = staff_jwks.get_signing_key(kid).key
    return jwt.decode(token, key, algorithms=["RS256"], audience="checkout-admin", issuer="https://sso.acme-pay.example")


@app.post("/checkout/{cart_id}/pay")
async def pay(cart_id: str, body: PayRequest, merchant: dict = Depends(merchant_from_token)):
    logger.debug(f"calling PSP for cart {cart_id} with key {PSP_API_KEY}")  # Noncompliant THC001
    key_hint = hashlib.sha256(PSP_API_KEY.encode()).hexdigest()[:8]
    logger.info("calling PSP cart=%s merchant=%s key_hint=%s", cart_id, merchant.get("sub"), key_hint)
    async with httpx.AsyncClient(base_url=PSP_BASE_URL, headers={"Authorization": f"Bearer {PSP_API_KEY}"}, timeout=15) as psp:
        r = await psp.post("/v1/payments", json={
            "payment_method": body.payment_method_id,
            "amount": body.amount_minor,
            "currency": body.currency,
            "metadata": {"cart_id": cart_id, "merchant_id": merchant.get("sub")},
        })
    if r.status_code == 402:
        raise PaymentDeclined(r.json().get("decline_code", "declined"))
    r.raise_for_status()
    logger.info("payment created cart=%s payment_method=%s", cart_id, body.payment_method_id)
    return {"paymentId": r.json()["id"], "status": r.json()["status"]}


@app.get("/orders/{order_id}")
async def get_order(order_id: str, shopper: dict = Depends(shopper_from_token)):
    logger.info("order lookup order=%s shopper=%s", order_id, shopper["sub"])
    return {"orderId": order_id, "customerId": shopper["sub"], "status": "paid"}


@app.post("/admin/orders/{order_id}/void")
async def void_order(order_id: str, staff: dict = Depends(staff_from_token)):
    logger.info("void order=%s by staff=%s", order_id, staff["sub"])
    return {"orderId": order_id, "status": "voided"}


@app.exception_handler(PaymentDeclined)
async def declined_handler(request: Request, exc: PaymentDeclined):
    return JSONResponse(status_code=402, content={"detail": str(exc), "authorization": request.headers.get("authorization")})  # Noncompliant THC003


@app.exception_handler(Exception)
async def unhandled_handler(request: Request, exc: Exception):
    correlation_id = str(uuid.uuid4())
    logger.exception("unhandled error correlation_id=%s path=%s", correlation_id, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal error", "correlationId": correlation_id})
