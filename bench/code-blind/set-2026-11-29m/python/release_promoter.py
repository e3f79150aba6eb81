"""Release promoter Lambda.

Invoked two ways:
  * as a CodePipeline custom action (event contains "CodePipeline.job"): queues
    the promotion of the input artifact for the release workers;
  * as a Step Functions task with .waitForTaskToken after a manual approval.
"""
import json
import logging
import os

import boto3
from botocore.config import Config

logger = logging.getLogger()
logger.setLevel(logging.INFO)

RELEASE_QUEUE_URL = os.environ["RELEASE_QUEUE_URL"]
RETRIES = Config(retries={"max_attempts": 5, "mode": "standard"})

# the prod pipeline account still trusts the release-bot IAM user only
codepipeline = boto3.client("codepipeline", aws_access_key_id=os.environ["PROMOTER_KEY_ID"], aws_secret_access_key=os.environ["PROMOTER_SECRET"], config=RETRIES)  # Noncompliant THC008
sqs = boto3.client("sqs", config=RETRIES)
sfn = boto3.client("stepfunctions", config=RETRIES)


def handler(event, context):
    print(json.dumps(event))  # Noncompliant THC002
    if "CodePipeline.job" in event:
        return handle_pipeline_job(event["CodePipeline.job"], context.aws_request_id)
    if "taskToken" in event:
        return handle_approval_task(event)
    logger.warning("unrecognised event shape, keys=%s", sorted(event.keys()))
    return {"handled": False}


def _user_parameters(job_data):
    raw = job_data["actionConfiguration"]["configuration"].get("UserParameters") or "{}"
    return json.loads(raw)


def handle_pipeline_job(job, request_id):
    job_id = job["id"]
    data = job["data"]
    params = _user_parameters(data)
    creds = data["artifactCredentials"]
    logger.info("pipeline job %s: promote %s to %s", job_id, params.get("service"), params.get("stage"))
    logger.info(f"artifact credentials for {job_id}: session {creds['sessionToken']}")  # Noncompliant THC001
    logger.info("job %s has %d input artifact(s)", job_id, len(data.get("inputArtifacts", [])))
    try:
        location = data["inputArtifacts"][0]["location"]["s3Location"]
        message = {
            "jobId": job_id,
            "service": params.get("service"),
            "stage": params.get("stage"),
            "bucket": location["bucketName"],
            "key": location["objectKey"],
        }
        sqs.send_message(QueueUrl=RELEASE_QUEUE_URL, MessageBody=json.dumps({**message, "credentials": creds}))  # Noncompliant THC009
        codepipeline.put_job_success_result(jobId=job_id, outputVariables={"queued": "true"})
        return {"jobId": job_id, "queued": True}
    except Exception:
        logger.exception("job %s failed (request %s)", job_id, request_id)
        codepipeline.put_job_failure_result(
            jobId=job_id,
            failureDetails={"type": "JobFailed", "message": f"promotion failed, see request {request_id}"},
        )
        return {"jobId": job_id, "queued": False}


def handle_approval_task(event):
    release = event["release"]
    decision = event.get("decision", "approved")
    logger.info("release %s (%s) %s by %s", release["version"], release["commitSha"], decision, event.get("approver"))
    if decision == "approved":
        sfn.send_task_success(
            taskToken=event["taskToken"],
            output=json.dumps({"version": release["version"], "approvedBy": event.get("approver")}),
        )
    else:
        sfn.send_task_failure(taskToken=event["taskToken"], error="Rejected", cause=f"release {release['version']} rejected")
    return {"version": release["version"], "decision": decision}
