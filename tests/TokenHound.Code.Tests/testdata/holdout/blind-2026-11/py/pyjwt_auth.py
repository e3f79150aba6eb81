import os

import jwt
from jwt import PyJWKClient

JWKS = PyJWKClient(os.environ["JWKS_URL"])
AUDIENCE = os.environ["AUDIENCE"]
ISSUER = os.environ["ISSUER"]


def _bearer(event):
    return event["headers"].get("authorization", "").split(" ")[-1]


def admin_handler(event, context):
    token = _bearer(event)
    claims = jwt.decode(token, options={"verify_signature": False})  # Noncompliant THC005
    if "admin" not in claims.get("cognito:groups", []):
        return {"statusCode": 403, "body": "forbidden"}
    return {"statusCode": 200, "body": "welcome admin"}


def legacy_handler(event, context):
    token = _bearer(event)
    key = JWKS.get_signing_key_from_jwt(token).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, options={"verify_exp": False})  # Noncompliant THC006
    return {"statusCode": 200, "body": claims["sub"]}


def handler(event, context):
    token = _bearer(event)
    header = jwt.get_unverified_header(token)
    key = JWKS.get_signing_key(header["kid"]).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)
    return {"statusCode": 200, "body": claims["sub"]}


def service_handler(event, context):
    token = _bearer(event)
    claims = jwt.decode(token, os.environ["SERVICE_HS_KEY"], algorithms=["HS256"], options={"verify_aud": False})  # Noncompliant THC006
    return {"statusCode": 200, "body": claims["svc"]}
