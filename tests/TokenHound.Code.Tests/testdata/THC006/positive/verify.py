import os

import jwt
from jose import jwt as jose_jwt

AUDIENCE = os.environ["APP_CLIENT_ID"]


def verify(token, key):
    return jwt.decode(  # Noncompliant
        token,
        key,
        algorithms=["RS256"],
        options={"verify_exp": False, "verify_aud": False},
    )


def verify_legacy(token, key):
    return jose_jwt.decode(token, key, algorithms=["RS256"], options={"verify_iss": False})  # Noncompliant
