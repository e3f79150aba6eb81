import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

secrets = boto3.client("secretsmanager")
sts = boto3.client("sts")


def lambda_handler(event, context):
    headers = event.get("headers") or {}
    auth = headers.get("Authorization", "")
    logger.info("auth header: %s", auth)  # Noncompliant
    print(f"received bearer {auth[7:]} for {event['requestContext']['requestId']}")  # Noncompliant
    print(f"raw header {headers['authorization']}")  # Noncompliant

    secret = secrets.get_secret_value(SecretId=os.environ["DB_SECRET_ARN"])
    db_password = json.loads(secret["SecretString"])["password"]
    logging.debug("connecting with password %s", db_password)  # Noncompliant

    creds = sts.assume_role(
        RoleArn=os.environ["TARGET_ROLE_ARN"], RoleSessionName="report"
    )["Credentials"]
    logger.info(  # Noncompliant
        "assumed role, session token %s",
        creds["SessionToken"],
    )
    logger.info("assumed role until %s", creds["Expiration"])

    api_key = os.environ.get("PARTNER_API_KEY")
    logger.warning("calling partner with key=" + api_key)  # Noncompliant
    return {"statusCode": 200, "body": json.dumps({"ok": True})}


class TokenCache:
    def __init__(self):
        self.access_token = None

    def store(self, token):
        self.access_token = token
        logger.debug("cached %s", self.access_token)  # Noncompliant
