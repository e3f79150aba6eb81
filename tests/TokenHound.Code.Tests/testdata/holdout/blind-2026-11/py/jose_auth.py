import json
import os

from jose import jwt

PUBLIC_KEY = os.environ["PUBLIC_KEY_PEM"]


def _token(event):
    auth = event.get("headers", {}).get("Authorization", "")
    return auth[7:] if auth.startswith("Bearer ") else auth


def get_orders(event, context):
    token = _token(event)
    claims = jwt.decode(token, PUBLIC_KEY)  # Noncompliant THC005
    return {"statusCode": 200, "body": json.dumps({"user": claims["sub"]})}


def delete_order(event, context):
    token = _token(event)
    claims = jwt.get_unverified_claims(token)  # Noncompliant THC005
    if claims.get("scope") != "orders:admin":
        return {"statusCode": 403, "body": "forbidden"}
    return {"statusCode": 204, "body": ""}


def list_orders(event, context):
    token = _token(event)
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], options={"verify_aud": False, "verify_iss": False})  # Noncompliant THC006
    return {"statusCode": 200, "body": json.dumps({"user": claims["sub"]})}


def get_order(event, context):
    token = _token(event)
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="orders-api", issuer=os.environ["ISSUER"])
    kid = jwt.get_unverified_header(token).get("kid")
    return {"statusCode": 200, "body": json.dumps({"user": claims["sub"], "kid": kid})}
