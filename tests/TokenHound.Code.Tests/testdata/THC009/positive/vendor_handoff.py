"""Nightly job: tells the vendor where today's drop is, and (until the vendor trusts our role) how to read it."""
import json
import logging
import os

import boto3

log = logging.getLogger(__name__)

DROP_BUCKET = os.environ["DROP_BUCKET"]
TOPIC_ARN = os.environ["VENDOR_TOPIC_ARN"]
VENDOR_READ_KEY_ID = "AKIAZ7FAKEVNDR4D2QXE"
VENDOR_READ_SECRET = "FAKEvendorReadSecretAccessKey00000000000"

sns = boto3.client("sns")


def handler(event, context):
    day = event["day"]
    sns.publish(  # Noncompliant
        TopicArn=TOPIC_ARN,
        Subject=f"Drop ready for {day}",
        Message=json.dumps({
            "bucket": DROP_BUCKET,
            "prefix": f"drops/{day}/",
            "credentials": {"accessKeyId": VENDOR_READ_KEY_ID, "secretAccessKey": VENDOR_READ_SECRET},
        }),
    )
    sns.publish(
        TopicArn=TOPIC_ARN,
        Subject=f"Manifest for {day}",
        Message=json.dumps({"bucket": DROP_BUCKET, "manifest": f"drops/{day}/manifest.json"}),
    )
    log.info("vendor notified for %s", day)
    return {"day": day}
