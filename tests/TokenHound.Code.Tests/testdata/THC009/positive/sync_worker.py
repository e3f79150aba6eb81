# Lambda worker that forwards the caller's session JWT in an SNS message.
import json
import os

import boto3

sns = boto3.client("sns")


def handler(event, context):
    session_jwt = event.get("session")
    for batch in event.get("batches", []):
        sns.publish(TopicArn=os.environ["TOPIC_ARN"], Message=json.dumps({"batch": batch, "session": session_jwt}))  # Noncompliant
        sns.publish(TopicArn=os.environ["TOPIC_ARN"], Message=json.dumps({"batch": batch}))
    return {"ok": True}
