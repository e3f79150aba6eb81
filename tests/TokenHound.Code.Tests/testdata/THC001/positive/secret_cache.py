import json
import logging

import boto3

logger = logging.getLogger(__name__)
secrets = boto3.client("secretsmanager")
_cache: dict = {}


def webhook_settings(arn: str) -> dict:
    if "settings" not in _cache:
        logger.info("loading webhook settings from %s", arn)
        raw = secrets.get_secret_value(SecretId=arn)["SecretString"]
        _cache["settings"] = json.loads(raw)
        _cache["loaded_from"] = arn
        logger.debug("webhook settings: %s", _cache["settings"])  # Noncompliant THC001
        logger.debug("webhook settings loaded from %s", _cache["loaded_from"])
    return _cache["settings"]
