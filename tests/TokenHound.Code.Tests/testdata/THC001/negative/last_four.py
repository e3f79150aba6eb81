import logging

import boto3

logger = logging.getLogger(__name__)
ssm = boto3.client("ssm")


# the last four characters (len(key) - 4 onwards) identify the key without revealing it
def load_api_key():
    key = ssm.get_parameter(Name="/svc/api-key", WithDecryption=True)["Parameter"]["Value"]
    logger.info("api key loaded, last4=%s", key[len(key) - 4 :])
    logger.info("api key loaded, last4=%s", key[-4:])
    return key
