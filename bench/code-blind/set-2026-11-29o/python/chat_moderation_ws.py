"""API Gateway WebSocket API for match chat: $connect, sendMessage and $disconnect routes.

Messages are screened with Amazon Comprehend toxicity detection before fan-out.
"""
import json
import logging
import os
import time
import traceback

import boto3
import jwt

logger = logging.getLogger()
logger.setLevel(logging.INFO)

JWKS = jwt.PyJWKClient(os.environ["CHAT_JWKS_URL"])
ISSUER = os.environ["CHAT_ISSUER"]
TOXICITY_THRESHOLD = float(os.environ.get("TOXICITY_THRESHOLD", "0.7"))

connections = boto3.resource("dynamodb").Table(os.environ["CONNECTIONS_TABLE"])
comprehend = boto3.client("comprehend")


def _management_api(event):
    ctx = event["requestContext"]
    return boto3.client("apigatewaymanagementapi", endpoint_url=f"https://{ctx['domainName']}/{ctx['stage']}")


def _claims(token):
    signing_key = JWKS.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], issuer=ISSUER, options={"verify_aud": False})  # Noncompliant THC006


def on_connect(event, context):
    logger.info("connect event: %s", json.dumps(event))  # Noncompliant THC002
    cid = event["requestContext"]["connectionId"]
    token = (event.get("queryStringParameters") or {}).get("token", "")
    try:
        claims = _claims(token)
    except jwt.PyJWTError as exc:
        logger.warning("rejecting connection %s: %s", cid, type(exc).__name__)
        return {"statusCode": 401, "body": "unauthorized"}
    room = (event.get("queryStringParameters") or {}).get("room", "lobby")
    connections.put_item(Item={"connectionId": cid, "playerId": claims["sub"], "room": room, "ttl": int(time.time()) + 7200})
    logger.info("connection %s joined room %s as %s", cid, room, claims["sub"])
    return {"statusCode": 200}


def _is_toxic(text):
    result = comprehend.detect_toxic_content(TextSegments=[{"Text": text}], LanguageCode="en")
    return result["ResultList"][0]["Toxicity"] >= TOXICITY_THRESHOLD


def on_message(event, context):
    cid = event["requestContext"]["connectionId"]
    try:
        body = json.loads(event.get("body") or "{}")
        sender = connections.get_item(Key={"connectionId": cid}).get("Item")
        if sender is None:
            return {"statusCode": 404, "body": json.dumps({"error": "unknown connection", "correlationId": context.aws_request_id})}
        text = str(body.get("text", ""))[:500]
        if not text or _is_toxic(text):
            logger.info("message from %s dropped by moderation (%d chars)", sender["playerId"], len(text))
            return {"statusCode": 200, "body": json.dumps({"delivered": False})}
        api = _management_api(event)
        peers = connections.scan(FilterExpression="room = :r", ExpressionAttributeValues={":r": sender["room"]})["Items"]
        payload = json.dumps({"from": sender["playerId"], "text": text, "at": int(time.time())}).encode()
        for peer in peers:
            try:
                api.post_to_connection(ConnectionId=peer["connectionId"], Data=payload)
            except api.exceptions.GoneException:
                connections.delete_item(Key={"connectionId": peer["connectionId"]})
        return {"statusCode": 200, "body": json.dumps({"delivered": True})}
    except Exception:
        logger.exception("moderation failed for connection %s", cid)
        return {"statusCode": 500, "body": json.dumps({"error": "moderation failed", "detail": traceback.format_exc()})}  # Noncompliant THC003


def on_disconnect(event, context):
    cid = event["requestContext"]["connectionId"]
    connections.delete_item(Key={"connectionId": cid})
    logger.info("connection %s closed (%s)", cid, event["requestContext"].get("disconnectReason", "n/a"))
    return {"statusCode": 200, "body": json.dumps({"message": "bye", "requestId": context.aws_request_id})}
