import json
import os

import boto3
import requests

lambda_client = boto3.client("lambda")
sns = boto3.client("sns")
secrets = boto3.client("secretsmanager")


def handler(event, context):
    api_key = secrets.get_secret_value(SecretId=os.environ["PARTNER_KEY_ARN"])["SecretString"]
    lambda_client.invoke(
        FunctionName=os.environ["WORKER"],
        InvocationType="Event",
        Payload=json.dumps({"job": event["job"], "secretArn": os.environ["PARTNER_KEY_ARN"]}),
    )
    sns.publish(TopicArn=os.environ["TOPIC"], Message=json.dumps({"job": event["job"]}))
    requests.get("https://partner.example.com/v1/jobs", headers={"x-api-key": api_key}, params={"page": 1}, timeout=5)
    return {"ok": True}
