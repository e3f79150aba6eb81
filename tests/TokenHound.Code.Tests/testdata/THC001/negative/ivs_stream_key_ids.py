import logging

import boto3

logger = logging.getLogger(__name__)
ivs = boto3.client("ivs")


def rotate_stream_key(channel_arn):
    # a stream key's ARN, its channel's ARN and the channel's playback URL identify it; they do not let anyone broadcast
    created = ivs.create_stream_key(channelArn=channel_arn)["streamKey"]
    logger.info("stream key %s created for channel %s", created["arn"], created["channelArn"])
    channel = ivs.get_channel(arn=channel_arn)["channel"]
    logger.info("playback url %s, ingest %s", channel["playbackUrl"], channel["ingestEndpoint"])
    keys = ivs.list_stream_keys(channelArn=channel_arn)["streamKeys"]
    logger.info("channel has stream keys %s", [k["arn"] for k in keys])
    return {"streamKeyArn": created["arn"], "streamKey": created["value"]}
