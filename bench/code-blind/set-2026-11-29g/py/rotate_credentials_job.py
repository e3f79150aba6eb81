"""Nightly EventBridge-scheduled job.

1. Rotates the reporting client's secret at the IdP and stores it in Secrets Manager.
2. Refreshes the cross-account credentials used by the legacy exporter binary.
"""
import hashlib
import json
import os
import subprocess
from datetime import datetime, timezone

import boto3
import requests
from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities import parameters

logger = Logger(service="credential-rotation")

sts = boto3.client("sts")
sns = boto3.client("sns")
secretsmanager = boto3.client("secretsmanager")

EXPORTER_ROLE_ARN = os.environ["EXPORTER_ROLE_ARN"]
CONSUMERS_TOPIC_ARN = os.environ["ROTATION_TOPIC_ARN"]
AUDIT_TOPIC_ARN = os.environ["AUDIT_TOPIC_ARN"]
CLIENT_SECRET_ID = os.environ["REPORTING_CLIENT_SECRET_ID"]
IDP_ADMIN_URL = os.environ.get("IDP_ADMIN_URL", "https://idp.internal.example/admin")


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:12]


def rotate_client_secret(client_id: str) -> str:
    admin_token = parameters.get_parameter("/idp/admin-token", decrypt=True)
    resp = requests.post(
        f"{IDP_ADMIN_URL}/clients/{client_id}/secret",
        headers={"Authorization": f"Bearer {admin_token}"},
        timeout=10,
    )
    resp.raise_for_status()
    new_secret = resp.json()["client_secret"]
    put = secretsmanager.put_secret_value(
        SecretId=CLIENT_SECRET_ID,
        SecretString=json.dumps({"client_id": client_id, "client_secret": new_secret}),
    )
    logger.info("rotated client secret", extra={"client_id": client_id, "version_id": put["VersionId"], "fingerprint": fingerprint(new_secret)})
    return new_secret


def refresh_exporter_env():
    resp = sts.assume_role(RoleArn=EXPORTER_ROLE_ARN, RoleSessionName="nightly-exporter", DurationSeconds=3600)
    creds = resp["Credentials"]
    logger.info("assumed exporter role", extra={"credentials": creds, "expires": creds["Expiration"].isoformat()})  # Noncompliant THC001
    os.environ.update({  # Noncompliant THC008
        "AWS_ACCESS_KEY_ID": creds["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"],
        "AWS_SESSION_TOKEN": creds["SessionToken"],
    })
    subprocess.run(["/opt/bin/legacy-exporter", "--since", "24h"], check=True, timeout=600)


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
def handler(event, context):
    detail = event.get("detail") or {}
    client_id = detail.get("client_id", "reporting")
    new_secret = rotate_client_secret(client_id)

    # downstream report generators subscribe to this topic and hot-swap the secret
    sns.publish(  # Noncompliant THC009
        TopicArn=CONSUMERS_TOPIC_ARN,
        Subject="Reporting client secret rotated",
        Message=json.dumps({"client_id": client_id, "client_secret": new_secret, "rotated_at": datetime.now(timezone.utc).isoformat()}),
    )
    audit = {"event": "secret-rotated", "secret_id": CLIENT_SECRET_ID, "client_id": client_id}
    sns.publish(TopicArn=AUDIT_TOPIC_ARN, Message=json.dumps(audit))

    if detail.get("refresh_exporter", True):
        try:
            refresh_exporter_env()
        except subprocess.CalledProcessError as exc:
            logger.exception("legacy exporter failed with exit code %s", exc.returncode)
            raise
    logger.info("rotation finished", extra={"client_id": client_id})
    return {"status": "ok"}
