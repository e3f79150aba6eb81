"""Nightly credential rotation job for the partner integrations."""
import json
import os

import boto3
import structlog

log = structlog.get_logger()

ssm = boto3.client("ssm")
sns = boto3.client("sns")
s3 = boto3.client("s3")

# Old reporting bucket is only reachable with the retired IAM user.
legacy_s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="AKIAZ7FAKEKEY2345X7Q", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123")  # Noncompliant THC008


def load_db_password() -> str:
    resp = ssm.get_parameter(Name=os.environ["DB_PASSWORD_PARAM"], WithDecryption=True)
    value = resp["Parameter"]["Value"]
    log.info("db password loaded", password=value)  # Noncompliant THC001
    return value


def load_feature_flags() -> dict:
    resp = ssm.get_parameters_by_path(Path="/flags/", WithDecryption=False)
    flags = {p["Name"].rsplit("/", 1)[-1]: p["Value"] for p in resp["Parameters"]}
    log.info("feature flags loaded", flags=flags, next_token=resp.get("NextToken"))
    return flags


def partner_session():
    return boto3.Session(aws_access_key_id=os.environ["PARTNER_KEY_ID"], aws_secret_access_key=os.environ["PARTNER_SECRET"], region_name="eu-west-1")  # Noncompliant THC008


def publish_rotation(topic_arn: str, password: str) -> None:
    if not topic_arn:
        raise ValueError("topic_arn is required")
    sns.publish(TopicArn=topic_arn, Message=json.dumps({"event": "rotated", "password": password}))  # Noncompliant THC009
    sns.publish(TopicArn=os.environ["AUDIT_TOPIC_ARN"], Message=json.dumps({"event": "rotated", "length": len(password)}))


def configure_env_for_cli(creds: dict) -> None:
    os.environ["AWS_ACCESS_KEY_ID"] = creds["AccessKeyId"]  # Noncompliant THC008
    os.environ["AWS_SECRET_ACCESS_KEY"] = creds["SecretAccessKey"]  # Noncompliant THC008


def archive_manifest(bucket: str, manifest: dict) -> None:
    body = json.dumps(manifest, sort_keys=True).encode()
    s3.put_object(Bucket=bucket, Key=f"rotations/{manifest['id']}.json", Body=body)
    legacy_s3.put_object(Bucket="legacy-reports", Key=f"rotations/{manifest['id']}.json", Body=body)


def handler(event, context):
    log.info("rotation started", request_id=context.aws_request_id)
    password = load_db_password()
    flags = load_feature_flags()
    if flags.get("rotation-notify") == "on":
        publish_rotation(os.environ.get("ROTATION_TOPIC_ARN", ""), password)
    archive_manifest(os.environ["MANIFEST_BUCKET"], {"id": context.aws_request_id, "flags": sorted(flags)})
    return {"status": "ok"}
