import json

from aws_lambda_powertools import Logger

logger = Logger()

SENSITIVE = {"authorization", "cookie", "x-api-key"}


def safe_headers(headers):
    return {k: v for k, v in (headers or {}).items() if k.lower() not in SENSITIVE}


@logger.inject_lambda_context
def handler(event, context):
    logger.info("request %s %s", event["requestContext"]["requestId"], event.get("rawPath"))
    logger.info({"headers": safe_headers(event.get("headers"))})
    logger.debug("query %s", json.dumps(event.get("queryStringParameters")))
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
