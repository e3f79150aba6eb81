import logging

logger = logging.getLogger(__name__)


# the body of a token endpoint's error response is an error, not a token
def obtain_token(http_client, data):
    resp = http_client.post("http://localhost:50342/oauth2/token", data=data, headers={"Metadata": "true"})
    if resp.status_code >= 300:
        logger.debug("IMDS error: %s", resp.text)
        return {"error": "unavailable"}
    return resp.json()
