"""Usage-rating reports for wholesale telecom partners (Chalice app).

Runs Athena queries over rated CDRs, then notifies the partner's reporting API
that a new extract is available in the partner-owned S3 bucket.
"""
import json
import logging
import os
import time

import boto3
import requests
from chalice import Chalice, NotFoundError

app = Chalice(app_name="usage-rating-reports")
app.log.setLevel(logging.DEBUG)
app.debug = True  # Noncompliant THC004

ATHENA_DB = os.environ.get("ATHENA_DB", "rated_cdr")
ATHENA_OUTPUT = os.environ.get("ATHENA_OUTPUT", "s3://usage-rating-athena-results/reports/")
PARTNER_SECRET_PREFIX = "partners/reporting/"

athena = boto3.client("athena")
secretsmanager = boto3.client("secretsmanager")
sts = boto3.client("sts")

_legacy_loaded = False


def partner_settings(partner_id: str) -> dict:
    secret_name = f"{PARTNER_SECRET_PREFIX}{partner_id}"
    raw = secretsmanager.get_secret_value(SecretId=secret_name)["SecretString"]
    app.log.info("loaded partner settings from %s", secret_name)
    return json.loads(raw)


def use_legacy_export_user(settings: dict) -> None:
    """The old SFTP-to-S3 bridge (called as a subprocess) reads keys from env."""
    global _legacy_loaded
    if _legacy_loaded:
        return
    os.environ.update({"AWS_ACCESS_KEY_ID": settings["legacyKeyId"], "AWS_SECRET_ACCESS_KEY": settings["legacySecret"]})  # Noncompliant THC008
    _legacy_loaded = True


def partner_s3(settings: dict):
    creds = sts.assume_role(RoleArn=settings["exportRoleArn"], RoleSessionName="usage-export",
                            ExternalId=settings["externalId"])["Credentials"]
    app.log.debug("assumed export role %s, expires %s", settings["exportRoleArn"], creds["Expiration"])
    return boto3.client("s3", aws_access_key_id=creds["AccessKeyId"],
                        aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])


def run_query(sql: str) -> str:
    qid = athena.start_query_execution(QueryString=sql, QueryExecutionContext={"Database": ATHENA_DB},
                                       ResultConfiguration={"OutputLocation": ATHENA_OUTPUT})["QueryExecutionId"]
    app.log.info("athena query started %s", qid)
    while True:
        state = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]["Status"]["State"]
        if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        time.sleep(2)
    if state != "SUCCEEDED":
        raise RuntimeError(f"query {qid} ended in {state}")
    return qid


@app.route("/partners/{partner_id}/reports/{month}", methods=["POST"])
def generate_report(partner_id, month):
    settings = partner_settings(partner_id)
    if not settings.get("active"):
        raise NotFoundError(f"partner {partner_id} not active")
    api_key = settings["reportingApiKey"]
    app.log.debug("notifying partner %s with api key %s", partner_id, api_key)  # Noncompliant THC001
    qid = run_query(
        f"SELECT msisdn_hash, rating_group, SUM(volume_kb) AS kb FROM rated_usage "
        f"WHERE partner_id = '{partner_id}' AND month = '{month}' GROUP BY 1, 2"
    )
    key = f"exports/{month}/{qid}.csv"
    s3 = partner_s3(settings)
    s3.copy_object(Bucket=settings["bucket"], Key=key,
                   CopySource={"Bucket": "usage-rating-athena-results", "Key": f"reports/{qid}.csv"})
    if settings.get("legacyKeyId"):
        use_legacy_export_user(settings)
    resp = requests.post(f"{settings['apiBase']}/extracts", json={"key": key, "month": month},
                         headers={"x-api-key": api_key}, timeout=10)
    app.log.info("partner %s notified: status=%s query=%s", partner_id, resp.status_code, qid)
    return {"queryExecutionId": qid, "key": key}
