import os

import jwt
from jwt import PyJWKClient

JWKS = PyJWKClient(os.environ["PARTNER_JWKS_URL"])
AUDIENCE = os.environ.get("PARTNER_AUDIENCE", "bookings-api")
ALLOWED_ALGS = os.environ.get("PARTNER_ALGS", "RS256,ES256").split(",")


def verify_partner(token: str) -> dict:
    # the header only picks the key; the algorithms are pinned by the service
    header = jwt.get_unverified_header(token)
    key = JWKS.get_signing_key(header["kid"]).key
    return jwt.decode(token, key, algorithms=ALLOWED_ALGS, audience=AUDIENCE)


def verify_agent(token: str) -> dict:
    signing_key = JWKS.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=AUDIENCE)
