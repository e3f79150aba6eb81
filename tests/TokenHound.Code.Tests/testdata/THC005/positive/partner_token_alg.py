import os

import jwt
from jwt import PyJWKClient

JWKS = PyJWKClient(os.environ["PARTNER_JWKS_URL"])
AUDIENCE = os.environ.get("PARTNER_AUDIENCE", "bookings-api")


def verify_partner(token: str) -> dict:
    signing_key = JWKS.get_signing_key_from_jwt(token)
    alg = jwt.get_unverified_header(token)["alg"]
    return jwt.decode(token, signing_key.key, algorithms=[alg], audience=AUDIENCE)  # Noncompliant


def verify_agent(token: str) -> dict:
    header = jwt.get_unverified_header(token)
    key = JWKS.get_signing_key(header["kid"]).key
    return jwt.decode(token, key, algorithms=[header.get("alg", "RS256")], audience=AUDIENCE)  # Noncompliant
