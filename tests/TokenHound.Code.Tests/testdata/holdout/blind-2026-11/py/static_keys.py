import os

import boto3
from boto3.session import Session

REPORTS_BUCKET = os.environ.get("REPORTS_BUCKET", "reports")

s3 = boto3.client("s3", aws_access_key_id="AKIAZ7FAKEKEY2345X7Q", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123")  # Noncompliant THC008

partner = Session(aws_access_key_id=os.environ["PARTNER_KEY_ID"], aws_secret_access_key=os.environ["PARTNER_SECRET"], region_name="us-east-1")  # Noncompliant THC008

local_dynamo = boto3.resource("dynamodb", endpoint_url="http://localhost:8000", region_name="local", aws_access_key_id="dummy", aws_secret_access_key="dummy")


def _switch_to_backup():
    secret = boto3.client("secretsmanager").get_secret_value(SecretId="backup-user")["SecretString"]
    key_id, secret_key = secret.split(":", 1)
    os.environ["AWS_ACCESS_KEY_ID"] = key_id  # Noncompliant THC008
    os.environ["AWS_SECRET_ACCESS_KEY"] = secret_key  # Noncompliant THC008


def _cross_account_client():
    sts = boto3.client("sts")
    creds = sts.assume_role(RoleArn=os.environ["CROSS_ROLE"], RoleSessionName="reports")["Credentials"]
    return boto3.client("s3", aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])


def handler(event, context):
    if event.get("backup"):
        _switch_to_backup()
    s3.put_object(Bucket=REPORTS_BUCKET, Key=event["key"], Body=b"report")
    partner.client("s3").put_object(Bucket="partner-drop", Key=event["key"], Body=b"report")
    _cross_account_client().put_object(Bucket="central", Key=event["key"], Body=b"report")
    return {"ok": True, "local": local_dynamo is not None}
