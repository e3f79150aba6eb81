import os

import jwt
from jwt import PyJWKClient

JWKS = PyJWKClient(os.environ["JWKS_URL"])


def current_user(event):
    token = event["headers"]["authorization"].split(" ")[1]
    signing_key = JWKS.get_signing_key_from_jwt(token)
    claims = jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=os.environ["CLIENT_ID"])
    return claims["sub"]


def key_id(token):
    return jwt.get_unverified_header(token)["kid"]
