import os

import boto3

s3 = boto3.client("s3")
local = boto3.client("dynamodb", endpoint_url="http://localhost:8000", aws_access_key_id="dummy", aws_secret_access_key="dummy")
sts = boto3.client("sts")


def handler(event, context):
    creds = sts.assume_role(RoleArn=os.environ["EXPORT_ROLE_ARN"], RoleSessionName="export")["Credentials"]
    target = boto3.client(
        "s3",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    region = os.environ["AWS_REGION"]
    return target.list_objects_v2(Bucket=os.environ["BUCKET"]), region
