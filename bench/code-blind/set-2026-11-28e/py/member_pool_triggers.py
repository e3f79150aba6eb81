"""Cognito triggers for the member pool: user migration from the legacy pool and pre token generation."""
import os

import boto3
from aws_lambda_powertools import Logger
from botocore.exceptions import ClientError

logger = Logger(service="member-pool-triggers")

LEGACY_POOL_ID = os.environ["LEGACY_USER_POOL_ID"]
LEGACY_CLIENT_ID = os.environ["LEGACY_CLIENT_ID"]
LEGACY_REGION = os.environ.get("LEGACY_REGION", "eu-west-1")

# The legacy pool lives in the old account, so we use the migration user's keys.
_legacy_key = os.environ["LEGACY_ACCESS_KEY_ID"]
_legacy_secret = os.environ["LEGACY_SECRET_ACCESS_KEY"]
legacy_idp = boto3.client("cognito-idp", region_name=LEGACY_REGION, aws_access_key_id=_legacy_key, aws_secret_access_key=_legacy_secret)  # Noncompliant THC008

entitlements = boto3.resource("dynamodb").Table(os.environ.get("ENTITLEMENTS_TABLE", "member-entitlements"))


def _attributes(user):
    attrs = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
    return {
        "email": attrs.get("email", ""),
        "email_verified": "true",
        "custom:legacy_id": attrs.get("sub", ""),
    }


def _migrate_on_sign_in(event):
    username = event["userName"]
    password = event["request"]["password"]
    logger.info("migrating user on sign-in", extra={"username": username, "password": password})  # Noncompliant THC001
    try:
        auth = legacy_idp.admin_initiate_auth(
            UserPoolId=LEGACY_POOL_ID,
            ClientId=LEGACY_CLIENT_ID,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except ClientError as exc:
        logger.warning("legacy authentication failed", extra={"username": username, "code": exc.response["Error"]["Code"]})
        raise Exception("Bad password")
    logger.debug("legacy auth completed", extra={"username": username, "challenge": auth.get("ChallengeName")})

    user = legacy_idp.admin_get_user(UserPoolId=LEGACY_POOL_ID, Username=username)
    event["response"]["userAttributes"] = _attributes(user)
    event["response"]["finalUserStatus"] = "CONFIRMED"
    event["response"]["messageAction"] = "SUPPRESS"
    return event


def _migrate_forgot_password(event):
    username = event["userName"]
    try:
        user = legacy_idp.admin_get_user(UserPoolId=LEGACY_POOL_ID, Username=username)
    except legacy_idp.exceptions.UserNotFoundException:
        logger.info("user not found in legacy pool", extra={"username": username})
        raise Exception("User not found")
    event["response"]["userAttributes"] = _attributes(user)
    event["response"]["messageAction"] = "SUPPRESS"
    return event


def _pre_token_generation(event):
    sub = event["request"]["userAttributes"].get("sub")
    item = entitlements.get_item(Key={"sub": sub}).get("Item") or {}
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": {"plan": item.get("plan", "free")},
        "groupOverrideDetails": {"groupsToOverride": item.get("groups", [])},
    }
    logger.info("token claims customised", extra={"sub": sub, "plan": item.get("plan", "free")})
    return event


@logger.inject_lambda_context
def handler(event, context):
    logger.append_keys(trigger=event["triggerSource"], user_pool=event["userPoolId"])
    logger.info(event)  # Noncompliant THC002
    source = event["triggerSource"]
    if source == "UserMigration_Authentication":
        return _migrate_on_sign_in(event)
    if source == "UserMigration_ForgotPassword":
        return _migrate_forgot_password(event)
    if source.startswith("TokenGeneration_"):
        return _pre_token_generation(event)
    return event
