import json
import logging

import boto3
import requests

logger = logging.getLogger(__name__)
secrets = boto3.client("secretsmanager")


# the response of a POST to an OAuth token endpoint is a token response
def get_access_token(creds):
    resp = requests.post(
        "https://partner.example.com/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(creds["client_id"], creds["client_secret"]),
        timeout=10,
    )
    resp.raise_for_status()
    logger.debug("partner token response: %s", resp.json())  # Noncompliant
    logger.debug("partner token response status %s", resp.status_code)
    return resp.json()["access_token"]
