"""Chargeback evidence pipeline.

* ``on_dispute_opened`` - EventBridge rule on ``dispute.opened`` from the PSP partner event bus;
  starts the evidence-collection state machine.
* ``collect_evidence`` - Step Functions task (.waitForTaskToken) that gathers order evidence
  from the archive account and resumes the workflow.
"""
import json
import logging
import os
from datetime import datetime, timezone

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

EVIDENCE_SM_ARN = os.environ["EVIDENCE_STATE_MACHINE_ARN"]
ACQUIRER_SECRET_ARN = os.environ["ACQUIRER_SECRET_ARN"]
ARCHIVE_ROLE_ARN = os.environ["ARCHIVE_ROLE_ARN"]
ARCHIVE_BUCKET = os.environ.get("ARCHIVE_BUCKET", "orders-archive")

sfn = boto3.client("stepfunctions")
secrets = boto3.client("secretsmanager")
sts = boto3.client("sts")

# Old dispute-notes table still lives in the pre-Organizations account.
legacy_notes = boto3.resource("dynamodb", region_name="eu-west-1", aws_access_key_id="AKIAZ7FAKENOTES3MQ5Y", aws_secret_access_key="FAKEdisputeNotesSecretKeyDoNotUse00000000").Table("dispute-notes")  # Noncompliant THC008


def _acquirer_token():
    value = secrets.get_secret_value(SecretId=ACQUIRER_SECRET_ARN)["SecretString"]
    logger.info("loaded acquirer secret %s (%d chars)", ACQUIRER_SECRET_ARN, len(value))
    return json.loads(value)["api_token"]


def _archive_s3():
    assumed = sts.assume_role(RoleArn=ARCHIVE_ROLE_ARN, RoleSessionName="chargeback-evidence")["Credentials"]
    logger.debug("assumed archive role credentials: %s", assumed)  # Noncompliant THC001
    logger.info("archive role session expires %s", assumed["Expiration"])
    return boto3.client(
        "s3",
        aws_access_key_id=assumed["AccessKeyId"],
        aws_secret_access_key=assumed["SecretAccessKey"],
        aws_session_token=assumed["SessionToken"],
    )


def on_dispute_opened(event, context):
    detail = event["detail"]
    case_id = detail["disputeId"]
    logger.info("dispute event id=%s type=%s case=%s", event["id"], event["detail-type"], case_id)
    execution_input = {
        "caseId": case_id,
        "orderId": detail["orderId"],
        "reasonCode": detail["reasonCode"],
        "dueBy": detail["evidenceDueBy"],
        "acquirerToken": _acquirer_token(),
    }
    sfn.start_execution(stateMachineArn=EVIDENCE_SM_ARN, name=f"evidence-{case_id}", input=json.dumps(execution_input))  # Noncompliant THC009
    return {"caseId": case_id}


def collect_evidence(event, context):
    task_token = event["taskToken"]
    order_id = event["orderId"]
    try:
        s3 = _archive_s3()
        receipt = s3.get_object(Bucket=ARCHIVE_BUCKET, Key=f"receipts/{order_id}.json")["Body"].read()
        shipping = s3.get_object(Bucket=ARCHIVE_BUCKET, Key=f"shipping/{order_id}.json")["Body"].read()
        notes = legacy_notes.get_item(Key={"orderId": order_id}).get("Item", {})
        evidence = {
            "orderId": order_id,
            "receipt": json.loads(receipt),
            "shipping": json.loads(shipping),
            "supportNotes": notes.get("notes", []),
            "collectedAt": datetime.now(timezone.utc).isoformat(),
        }
        sfn.send_task_success(taskToken=task_token, output=json.dumps(evidence, default=str))
        logger.info("evidence collected for order %s", order_id)
    except Exception as exc:
        logger.error("evidence collection failed for order %s: %s", order_id, type(exc).__name__)
        sfn.send_task_failure(taskToken=task_token, error="EvidenceUnavailable", cause=type(exc).__name__)
