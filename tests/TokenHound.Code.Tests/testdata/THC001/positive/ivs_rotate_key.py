import logging

import boto3

logger = logging.getLogger(__name__)
ivs = boto3.client("ivs")


def rotate_stream_key(channel_arn):
    for summary in ivs.list_stream_keys(channelArn=channel_arn)["streamKeys"]:
        ivs.delete_stream_key(arn=summary["arn"])
    created = ivs.create_stream_key(channelArn=channel_arn)["streamKey"]
    value = created["value"]
    logger.info("stream key for %s rotated: %s", channel_arn, value)  # Noncompliant
    return created["arn"]


def describe_key(key_arn):
    key = ivs.get_stream_key(arn=key_arn)["streamKey"]
    print(f"stream key {key['arn']} = {key['value']}")  # Noncompliant
