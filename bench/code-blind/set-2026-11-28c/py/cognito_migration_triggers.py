import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

lambda_client = boto3.client("lambda")
secrets = boto3.client("secretsmanager")

legacy_session = boto3.Session(  # Noncompliant THC008
    aws_access_key_id="AKIAZ7FAKEQ4TRN2WXLM",
    aws_secret_access_key="FAKEwJx9s3cr3tK3yForT3st1ngOnly012345678",
    region_name="us-west-2",
)
legacy_users = legacy_session.resource("dynamodb").Table("legacy-users")


def _legacy_service_key():
    return secrets.get_secret_value(SecretId=os.environ["LEGACY_AUTH_SECRET"])["SecretString"]


def user_migration(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    username = event["userName"]
    source = event["triggerSource"]

    if source == "UserMigration_Authentication":
        payload = {
            "username": username,
            "password": event["request"]["password"],
            "serviceKey": _legacy_service_key(),
        }
        resp = lambda_client.invoke(FunctionName=os.environ["LEGACY_AUTH_FUNCTION"], Payload=json.dumps(payload))  # Noncompliant THC009
        result = json.loads(resp["Payload"].read())
        if not result.get("ok"):
            logger.info("legacy auth rejected user=%s", username)
            raise Exception("Bad password")
    elif source == "UserMigration_ForgotPassword":
        lambda_client.invoke(
            FunctionName=os.environ["LEGACY_LOOKUP_FUNCTION"],
            InvocationType="Event",
            Payload=json.dumps({"username": username, "reason": "forgot_password"}),
        )
    else:
        return event

    item = legacy_users.get_item(Key={"username": username}).get("Item")
    if not item:
        raise Exception("User does not exist")

    event["response"]["userAttributes"] = {"email": item["email"], "email_verified": "true"}
    event["response"]["finalUserStatus"] = "CONFIRMED"
    event["response"]["messageAction"] = "SUPPRESS"
    logger.info("migrated user=%s source=%s request=%s", username, source, context.aws_request_id)
    return event


def pre_token_generation(event, context):
    logger.info("pre token generation user=%s trigger=%s", event["userName"], event["triggerSource"])
    groups = event["request"]["groupConfiguration"].get("groupsToOverride", [])
    tenant = event["request"]["userAttributes"].get("custom:tenant", "default")
    event["response"]["claimsOverrideDetails"] = {
        "claimsToAddOrOverride": {
            "tenant": tenant,
            "role": "admin" if "admins" in groups else "user",
        },
        "claimsToSuppress": ["custom:legacy_id"],
    }
    return event
