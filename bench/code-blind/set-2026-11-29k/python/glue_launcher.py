"""Lambda that launches Glue ETL jobs through a Step Functions workflow.

Invoked either from API Gateway (launch request) or from the workflow itself
as a waitForTaskToken callback when a Glue run has finished.
"""
import json
import os

import boto3
import jwt
from aws_lambda_powertools import Logger

logger = Logger(service="glue-launcher")
glue = boto3.client("glue")
sfn = boto3.client("stepfunctions")
secrets = boto3.client("secretsmanager")

STATE_MACHINE_ARN = os.environ["STATE_MACHINE_ARN"]
JDBC_SECRET_ARN = os.environ["JDBC_SECRET_ARN"]
LAUNCH_SIGNING_KEY = os.environ["LAUNCH_SIGNING_KEY"]
ALLOWED_JOBS = {"orders_to_lake", "customers_scd2", "clickstream_compaction"}


def _authorize(token: str) -> dict:
    claims = jwt.decode(token, LAUNCH_SIGNING_KEY, algorithms=["HS256"], options={"verify_exp": False})  # Noncompliant THC006
    if "etl-operators" not in claims.get("groups", []):
        raise PermissionError("caller may not launch jobs")
    return claims


def _jdbc_secret() -> dict:
    value = secrets.get_secret_value(SecretId=JDBC_SECRET_ARN)
    logger.info("loaded jdbc secret", extra={"secret_arn": JDBC_SECRET_ARN, "version": value["VersionId"]})
    logger.debug("jdbc secret payload", extra={"secret": value["SecretString"]})  # Noncompliant THC001
    return json.loads(value["SecretString"])


def _callback(event: dict) -> dict:
    run = glue.get_job_run(JobName=event["jobName"], RunId=event["runId"])["JobRun"]
    state = run["JobRunState"]
    logger.info("glue run finished", extra={"job": event["jobName"], "run_id": event["runId"], "state": state})
    sfn.send_task_success(
        taskToken=event["taskToken"],
        output=json.dumps({"jobName": event["jobName"], "runId": event["runId"], "state": state}),
    )
    return {"ok": True}


@logger.inject_lambda_context(log_event=True)  # Noncompliant THC002
def handler(event, context):
    if "taskToken" in event:
        return _callback(event)

    token = event["headers"].get("authorization", "").split(" ")[-1]
    try:
        claims = _authorize(token)
    except (jwt.PyJWTError, PermissionError) as exc:
        logger.warning("launch rejected", extra={"reason": type(exc).__name__, "request_id": context.aws_request_id})
        return {"statusCode": 403, "body": json.dumps({"error": "forbidden", "requestId": context.aws_request_id})}

    body = json.loads(event.get("body") or "{}")
    job = body.get("job")
    if job not in ALLOWED_JOBS:
        return {"statusCode": 400, "body": json.dumps({"error": "unknown job"})}

    jdbc = _jdbc_secret()
    execution = sfn.start_execution(  # Noncompliant THC009
        stateMachineArn=STATE_MACHINE_ARN,
        input=json.dumps({
            "job": job,
            "arguments": body.get("arguments", {}),
            "jdbcUrl": jdbc["url"],
            "jdbcUser": jdbc["username"],
            "jdbcPassword": jdbc["password"],
            "requestedBy": claims["sub"],
        }),
    )
    logger.info("workflow started", extra={"execution_arn": execution["executionArn"], "job": job})
    return {"statusCode": 202, "body": json.dumps({"executionArn": execution["executionArn"]})}
