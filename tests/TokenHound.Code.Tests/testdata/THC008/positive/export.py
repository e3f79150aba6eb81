import os

import boto3

s3 = boto3.client(  # Noncompliant
    "s3",
    aws_access_key_id="AKIAZ7FAKEKEY2345X7Q",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123",
)

dynamodb = boto3.resource("dynamodb", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])  # Noncompliant


def handler(event, context):
    session = boto3.Session(  # Noncompliant
        aws_access_key_id=os.getenv("EXPORT_ACCESS_KEY_ID"),
        aws_secret_access_key=os.getenv("EXPORT_SECRET_ACCESS_KEY"),
        region_name="eu-west-1",
    )
    os.environ["AWS_SECRET_ACCESS_KEY"] = event["secret"]  # Noncompliant
    return session.client("s3").list_buckets()
