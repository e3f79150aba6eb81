import json
import logging
import os
import time
import uuid
from functools import lru_cache

import boto3
import jwt
from fastapi import Depends, FastAPI, Form, Header, HTTPException
from jwt import PyJWKClient

log = logging.getLogger("token_exchange")
logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))

app = FastAPI(title="token-exchange", version="1.4.0", debug=True)  # Noncompliant THC004

ISSUER = os.environ.get("UPSTREAM_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE")
SIGNING_SECRET_ID = os.environ.get("SIGNING_SECRET_ID", "token-exchange/hs256")
jwks = PyJWKClient(f"{ISSUER}/.well-known/jwks.json")
secretsmanager = boto3.client("secretsmanager")

DOWNSTREAM_SCOPES = {
    "billing": ["billing.read", "billing.write"],
    "reports": ["reports.read"],
    "ledger": ["ledger.read"],
}


@lru_cache(maxsize=1)
def signing_secret() -> str:
    value = secretsmanager.get_secret_value(SecretId=SIGNING_SECRET_ID)["SecretString"]
    return json.loads(value)["key"]


def verify_subject_token(subject_token: str) -> dict:
    key = jwks.get_signing_key_from_jwt(subject_token).key
    return jwt.decode(subject_token, key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006


def bearer(authorization: str = Header(default="")) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail=f"invalid authorization header: {authorization}")  # Noncompliant THC003
    return token


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.post("/oauth2/token")
def exchange(
    grant_type: str = Form(...),
    subject_token: str = Form(...),
    audience: str = Form(...),
    actor: str = Depends(bearer),
):
    if grant_type != "urn:ietf:params:oauth:grant-type:token-exchange":
        raise HTTPException(status_code=400, detail="unsupported_grant_type")

    actor_claims = jwt.decode(actor, options={"verify_signature": False})  # Noncompliant THC005
    if "token-exchange" not in actor_claims.get("scope", "").split():
        raise HTTPException(status_code=403, detail="actor not allowed to exchange tokens")

    try:
        subject = verify_subject_token(subject_token)
    except jwt.PyJWTError:
        log.exception("subject token rejected for actor %s", actor_claims.get("client_id"))
        raise HTTPException(status_code=400, detail="invalid_grant")

    scopes = DOWNSTREAM_SCOPES.get(audience)
    if scopes is None:
        raise HTTPException(status_code=400, detail="invalid_target")

    now = int(time.time())
    claims = {
        "iss": "https://exchange.internal",
        "sub": subject["sub"],
        "aud": audience,
        "scope": " ".join(scopes),
        "act": {"sub": actor_claims.get("client_id")},
        "iat": now,
        "exp": now + 300,
        "jti": str(uuid.uuid4()),
    }
    new_token = jwt.encode(claims, signing_secret(), algorithm="HS256")
    log.info("exchanged token for sub=%s audience=%s jti=%s", subject["sub"], audience, claims["jti"])
    log.debug("issued downstream token %s", new_token)  # Noncompliant THC001
    return {
        "access_token": new_token,
        "issued_token_type": "urn:ietf:params:oauth:token-type:access_token",
        "token_type": "Bearer",
        "expires_in": 300,
    }


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
