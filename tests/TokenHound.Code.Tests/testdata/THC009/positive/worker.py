import json
import os

import boto3
import requests

lambda_client = boto3.client("lambda")
sns = boto3.client("sns")
events = boto3.client("events")
secrets = boto3.client("secretsmanager")
sts = boto3.client("sts")


def handler(event, context):
    api_key = secrets.get_secret_value(SecretId=os.environ["PARTNER_KEY_ARN"])["SecretString"]
    creds = sts.assume_role(RoleArn=os.environ["ROLE_ARN"], RoleSessionName="fanout")["Credentials"]

    lambda_client.invoke(  # Noncompliant
        FunctionName=os.environ["WORKER"],
        InvocationType="Event",
        Payload=json.dumps({"job": event["job"], "credentials": creds}),
    )
    sns.publish(TopicArn=os.environ["TOPIC"], Message=json.dumps({"apiKey": api_key}))  # Noncompliant
    events.put_events(  # Noncompliant
        Entries=[
            {
                "Source": "app.jobs",
                "DetailType": "JobStarted",
                "Detail": json.dumps({"job": event["job"], "token": event["headers"]["Authorization"]}),
            }
        ]
    )
    requests.get("https://partner.example.com/v1/jobs", params={"api_key": api_key}, timeout=5)  # Noncompliant
    return {"ok": True}
