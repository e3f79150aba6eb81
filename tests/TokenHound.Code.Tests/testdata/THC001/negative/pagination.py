# Pagination tokens are not credentials.
import logging

log = logging.getLogger(__name__)


def list_items(client, table):
    resp = client.scan(TableName=table)
    token = resp.get("NextToken")
    log.info("next page token %s", token)
    cursor = resp["ContinuationToken"] if "ContinuationToken" in resp else None
    log.info("continuation %s", cursor)
    return resp["Items"]
