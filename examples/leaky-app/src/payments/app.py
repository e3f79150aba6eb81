"""Payments API (Python 3.12). Deliberately leaky: see ../../README.md."""
import json
import logging
import traceback

import boto3
import jwt

logger = logging.getLogger()
logger.setLevel(logging.DEBUG)

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAZ7FAKEKEY2345X7Q",
    aws_secret_access_key="fAkEdemoSecretKey/TokenHound+0nly9xZq2Wm",
)

STRIPE_SECRET = "sk_live_51FAKEdemoTOKENHOUNDonly9aB3cD4eF5gH6iJ7kL8mN"


def lambda_handler(event, context):
    print(json.dumps(event))  # the whole event: every header, Authorization included
    token = event["headers"].get("authorization", "")
    claims = jwt.decode(token, options={"verify_signature": False})
    logger.info("paying for %s with token %s", claims.get("sub"), token)
    try:
        amount = int(json.loads(event["body"])["amount"])
        return {"statusCode": 200, "body": json.dumps({"charged": amount})}
    except Exception:
        return {"statusCode": 500, "body": traceback.format_exc()}
