import os

import jwt

AUDIENCE = os.environ["APP_CLIENT_ID"]
ISSUER = os.environ["ISSUER"]


def verify(token, key):
    return jwt.decode(
        token,
        key,
        algorithms=["RS256"],
        audience=AUDIENCE,
        issuer=ISSUER,
        options={"require": ["exp", "iat"], "verify_exp": True},
    )
