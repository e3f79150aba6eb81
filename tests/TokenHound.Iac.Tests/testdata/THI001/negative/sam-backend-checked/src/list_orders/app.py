import json
import os

import boto3
from boto3.dynamodb.conditions import Key

TABLE = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "orders"))
APP_CLIENT_ID = os.environ["APP_CLIENT_ID"]


def _client_of(claims):
    # ID tokens carry the app client in "aud", access tokens in "client_id".
    return claims.get("aud") or claims.get("client_id")


def lambda_handler(event, context):
    claims = event["requestContext"]["authorizer"]["claims"]
    if _client_of(claims) != APP_CLIENT_ID:
        return {"statusCode": 403, "body": json.dumps({"message": "forbidden"})}

    result = TABLE.query(KeyConditionExpression=Key("userId").eq(claims["sub"]))
    return {"statusCode": 200, "body": json.dumps(result["Items"], default=str)}
