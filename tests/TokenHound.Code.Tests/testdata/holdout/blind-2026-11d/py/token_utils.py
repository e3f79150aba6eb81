"""JWT helpers shared by the ingestion Lambdas."""
import logging
import os

import jwt
from jwt import PyJWKClient

log = logging.getLogger("token_utils")

JWKS_URL = os.environ.get("JWKS_URL", "https://cognito-idp.eu-west-1.amazonaws.com/pool/.well-known/jwks.json")
AUDIENCE = os.environ.get("APP_CLIENT_ID")
ISSUER = os.environ.get("TOKEN_ISSUER")

_jwks = PyJWKClient(JWKS_URL)


def verify_access_token(token: str) -> dict:
    signing_key = _jwks.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)


def peek_tenant(token: str) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    return claims.get("custom:tenant", "default")


def verify_service_token(token: str) -> dict:
    signing_key = _jwks.get_signing_key_from_jwt(token)
    return jwt.decode(  # Noncompliant THC006
        token,
        signing_key.key,
        algorithms=["RS256"],
        audience=AUDIENCE,
        options={"verify_exp": False},
    )


def verify_legacy_token(token: str, shared_secret: str) -> dict:
    return jwt.decode(token, shared_secret, algorithms=["HS256", "none"])  # Noncompliant THC005


def read_header(token: str) -> dict:
    header = jwt.get_unverified_header(token)
    log.debug("token kid=%s alg=%s", header.get("kid"), header.get("alg"))
    return header


def authorize(event: dict) -> bool:
    token = event.get("headers", {}).get("authorization", "").removeprefix("Bearer ")
    log.info("authorizing request %s", event.get("requestContext", {}).get("requestId"))
    try:
        claims = verify_access_token(token)
    except jwt.PyJWTError as err:
        log.warning("rejected token: %s", type(err).__name__)
        return False
    log.info("authorized sub=%s", claims["sub"])
    return "ingest:write" in claims.get("scope", "").split()
