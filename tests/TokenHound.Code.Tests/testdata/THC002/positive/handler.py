import json
import logging

from aws_lambda_powertools import Logger

logger = Logger()
log = logging.getLogger(__name__)


@logger.inject_lambda_context
def handler(event, context):
    print(json.dumps(event))  # Noncompliant
    log.info("received event: %s", event)  # Noncompliant
    logger.info({"headers": event["headers"]})  # Noncompliant
    logger.info("path %s", event["rawPath"])
    body = json.loads(event.get("body") or "{}")
    return {"statusCode": 200, "body": json.dumps({"received": len(body)})}
