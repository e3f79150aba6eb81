import json
import os

import boto3
from boto3.dynamodb.conditions import Key

TABLE = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def lambda_handler(event, context):
    claims = event["requestContext"]["authorizer"]["claims"]
    # The authorizer already validated the token; use the caller's subject.
    user_id = claims["sub"]
    if claims.get("token_use") not in ("id", "access"):
        return {"statusCode": 401, "body": json.dumps({"message": "unauthorized"})}

    result = TABLE.query(KeyConditionExpression=Key("userId").eq(user_id))
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(result["Items"], default=str),
    }
