"""S3 upload -> MediaConvert transcode -> Step Functions delivery workflow.

Two entry points:
  * ``on_upload``    S3 ObjectCreated notification for the ingest bucket
  * ``on_job_done``  Step Functions task (waitForTaskToken) fed by the MediaConvert completion rule
"""
import json
import logging
import os
import urllib.parse

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SETTINGS = {
    "endpoint": os.environ["MEDIACONVERT_ENDPOINT"],
    "role_arn": os.environ["MEDIACONVERT_ROLE_ARN"],
    "queue_arn": os.environ.get("MEDIACONVERT_QUEUE_ARN"),
    "template": os.environ.get("JOB_TEMPLATE", "arena-hls-abr"),
    "output_bucket": os.environ["OUTPUT_BUCKET"],
    "state_machine_arn": os.environ["DELIVERY_STATE_MACHINE_ARN"],
    "partner_role_arn": os.environ.get("PARTNER_ROLE_ARN", "arn:aws:iam::{account}:role/vod-delivery"),
}

ssm = boto3.client("ssm")
sts = boto3.client("sts")
sfn = boto3.client("stepfunctions")

# The MediaConvert account is still the legacy "media" account reached with an IAM user.
mediaconvert = boto3.client(  # Noncompliant THC008
    "mediaconvert",
    endpoint_url=SETTINGS["endpoint"],
    aws_access_key_id=os.environ["MEDIA_ACCOUNT_KEY_ID"],
    aws_secret_access_key=os.environ["MEDIA_ACCOUNT_SECRET"],
)


def _bootstrap_archive_credentials():
    """The archive tool shells out to a CLI that only reads credentials from the environment."""
    param = ssm.get_parameter(Name="/transcoder/archive-user", WithDecryption=True)["Parameter"]
    creds = json.loads(param["Value"])
    os.environ.update({"AWS_ACCESS_KEY_ID": creds["id"], "AWS_SECRET_ACCESS_KEY": creds["secret"]})  # Noncompliant THC008
    logger.info("archive credentials loaded from %s (version %s)", param["Name"], param["Version"])


def _partner_credentials(account):
    resp = sts.assume_role(
        RoleArn=SETTINGS["partner_role_arn"].format(account=account),
        RoleSessionName=f"vod-delivery-{account}",
        DurationSeconds=3600,
    )
    creds = resp["Credentials"]
    logger.debug("assumed partner role, session token %s", creds["SessionToken"])  # Noncompliant THC001
    return creds


def _partner_s3(creds):
    return boto3.client(
        "s3",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def on_upload(event, context):
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        partner = key.split("/", 1)[0]
        job = mediaconvert.create_job(
            Role=SETTINGS["role_arn"],
            JobTemplate=SETTINGS["template"],
            Queue=SETTINGS["queue_arn"],
            Settings={"Inputs": [{"FileInput": f"s3://{bucket}/{key}"}]},
            UserMetadata={"partner": partner, "sourceKey": key},
        )["Job"]
        logger.info("submitted MediaConvert job %s for s3://%s/%s", job["Id"], bucket, key)

        creds = _partner_credentials(partner)
        execution_input = {
            "jobId": job["Id"],
            "outputPrefix": f"s3://{SETTINGS['output_bucket']}/{partner}/{job['Id']}/",
            "partner": partner,
            "delivery": {k: creds[k] for k in ("AccessKeyId", "SecretAccessKey", "SessionToken")},
        }
        sfn.start_execution(stateMachineArn=SETTINGS["state_machine_arn"], name=f"deliver-{job['Id']}", input=json.dumps(execution_input))  # Noncompliant THC009
    return {"submitted": len(event.get("Records", []))}


def on_job_done(event, context):
    task_token = event["taskToken"]
    detail = event["detail"]
    if detail.get("status") != "COMPLETE":
        sfn.send_task_failure(taskToken=task_token, error="TranscodeFailed", cause=detail.get("errorMessage", "unknown"))
        return
    partner = detail["userMetadata"]["partner"]
    s3 = _partner_s3(_partner_credentials(partner))
    s3.put_object(Bucket=f"{partner}-vod-inbox", Key=f"{detail['jobId']}.json", Body=json.dumps(detail).encode())
    if detail["userMetadata"].get("archive") == "true":
        _bootstrap_archive_credentials()
    sfn.send_task_success(taskToken=task_token, output=json.dumps({"jobId": detail["jobId"], "delivered": True}))
