import json
import os

import boto3
import requests

lambda_client = boto3.client("lambda")
sqs = boto3.client("sqs")
sfn = boto3.client("stepfunctions")
events = boto3.client("events")
sts = boto3.client("sts")


def handler(event, context):
    headers = event["headers"]
    token = headers["authorization"].split()[1]
    sub = event["requestContext"]["authorizer"]["jwt"]["claims"]["sub"]

    lambda_client.invoke(FunctionName=os.environ["ENRICH_FN"], InvocationType="Event", Payload=json.dumps({"sub": sub, "token": token}))  # Noncompliant THC009

    body = {"sub": sub, "auth": headers["authorization"], "order": json.loads(event["body"])}
    sqs.send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody=json.dumps(body))  # Noncompliant THC009

    sfn.start_execution(stateMachineArn=os.environ["SM_ARN"], input=json.dumps({"sub": sub, "requestId": context.aws_request_id}))

    r = requests.get(os.environ["PROFILE_URL"], params={"access_token": token}, timeout=5)  # Noncompliant THC009
    r2 = requests.get(f"{os.environ['LEGACY_URL']}/me?token={token}", timeout=5)  # Noncompliant THC009
    r3 = requests.get(os.environ["PROFILE_URL"], headers={"Authorization": f"Bearer {token}"}, timeout=5)

    role = sts.assume_role(RoleArn=os.environ["EXPORT_ROLE_ARN"], RoleSessionName=f"export-{sub}")
    creds = role["Credentials"]
    events.put_events(Entries=[{"Source": "exports", "DetailType": "ExportRequested", "Detail": json.dumps({"sub": sub, "creds": creds}, default=str)}])  # Noncompliant THC009
    events.put_events(Entries=[{"Source": "exports", "DetailType": "ExportQueued", "Detail": json.dumps({"sub": sub, "expires": str(creds["Expiration"])})}])

    return {"statusCode": 202, "body": json.dumps({"profile": r.status_code, "legacy": r2.status_code, "ok": r3.ok})}
