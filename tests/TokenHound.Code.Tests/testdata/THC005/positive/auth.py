import base64
import json

import jwt
from jose import jwt as jose_jwt


def current_user(event):
    token = event["headers"]["authorization"].split(" ")[1]
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant
    return claims["sub"]


def legacy_user(token, key):
    return jwt.decode(token, key, verify=False)  # Noncompliant


def unpinned(token, key):
    return jose_jwt.decode(token, key)  # Noncompliant


def allow_none(token, key):
    return jwt.decode(token, key, algorithms=["HS256", "none"])  # Noncompliant


def tenant(token):
    payload = token.split(".")[1]
    payload += "=" * (-len(payload) % 4)
    data = json.loads(base64.urlsafe_b64decode(payload))  # Noncompliant
    return data["tenant"]
