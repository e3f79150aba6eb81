"""MWAA DAG: nightly export of curated Snowflake marts to the partner S3 bucket."""
import json
import logging
import os
import subprocess
import tempfile
from datetime import datetime, timedelta

import boto3
import snowflake.connector
from airflow import DAG
from airflow.operators.python import PythonOperator

log = logging.getLogger("airflow.task")

SECRET_ID = "mwaa/snowflake/export-user"
PARTNER_BUCKET = "partner-acme-landing"
NOTIFY_TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:partner-export-ready"
MARTS = ["daily_revenue", "active_subscribers", "churn_scores"]

# Partner account has no role trust for us yet (ticket DATA-2291).
PARTNER_KEY_ID = "AKIAZ7FAKEPRTN3R5X7Q"
PARTNER_SECRET = "FAKEpartnerSecretAccessKey00000000000000"


def _mask(value: str) -> str:
    return value[:4] + "*" * (len(value) - 4)


def _snowflake_credentials() -> dict:
    sm = boto3.client("secretsmanager")
    resp = sm.get_secret_value(SecretId=SECRET_ID)
    log.info("resolved snowflake secret %s (version %s)", SECRET_ID, resp["VersionId"])
    creds = json.loads(resp["SecretString"])
    log.info("connecting to snowflake as %s with password %s", creds["user"], creds["password"])  # Noncompliant THC001
    return creds


def export_mart(table: str, ds: str, **_context) -> str:
    creds = _snowflake_credentials()
    conn = snowflake.connector.connect(
        account=creds["account"],
        user=creds["user"],
        password=creds["password"],
        warehouse="EXPORT_WH",
        database="CURATED",
        schema="MARTS",
    )
    try:
        cur = conn.cursor()
        cur.execute(f"SELECT * FROM {table} WHERE snapshot_date = %s", (ds,))
        rows = cur.fetchall()
        columns = [c[0] for c in cur.description]
    finally:
        conn.close()

    key = f"exports/{table}/dt={ds}/part-000.jsonl"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for row in rows:
            fh.write(json.dumps(dict(zip(columns, row)), default=str) + "\n")
        local_path = fh.name

    partner_s3 = boto3.client(  # Noncompliant THC008
        "s3",
        aws_access_key_id=PARTNER_KEY_ID,
        aws_secret_access_key=PARTNER_SECRET,
    )
    partner_s3.upload_file(local_path, PARTNER_BUCKET, key)
    log.info("exported %d rows of %s to s3://%s/%s using key %s", len(rows), table, PARTNER_BUCKET, key, _mask(PARTNER_KEY_ID))
    return key


def sync_manifests(ds: str, **_context) -> None:
    # the aws cli reads credentials from the environment of the worker
    os.environ.update(AWS_ACCESS_KEY_ID=PARTNER_KEY_ID, AWS_SECRET_ACCESS_KEY=PARTNER_SECRET)  # Noncompliant THC008
    subprocess.run(
        ["aws", "s3", "sync", f"/usr/local/airflow/manifests/{ds}", f"s3://{PARTNER_BUCKET}/manifests/{ds}"],
        check=True,
    )


def notify_partner(ds: str, **context) -> None:
    keys = [context["ti"].xcom_pull(task_ids=f"export_{t}") for t in MARTS]
    sns = boto3.client("sns")
    sns.publish(  # Noncompliant THC009
        TopicArn=NOTIFY_TOPIC_ARN,
        Subject=f"Exports ready for {ds}",
        Message=json.dumps({"bucket": PARTNER_BUCKET, "keys": keys, "accessKeyId": PARTNER_KEY_ID, "secretAccessKey": PARTNER_SECRET}),
    )
    log.info("notified %s about %d objects", NOTIFY_TOPIC_ARN, len(keys))


with DAG(
    dag_id="snowflake_partner_export",
    start_date=datetime(2026, 1, 1),
    schedule="0 3 * * *",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["exports", "partner"],
) as dag:
    exports = [
        PythonOperator(task_id=f"export_{t}", python_callable=export_mart, op_kwargs={"table": t})
        for t in MARTS
    ]
    manifests = PythonOperator(task_id="sync_manifests", python_callable=sync_manifests)
    notify = PythonOperator(task_id="notify_partner", python_callable=notify_partner)
    exports >> manifests >> notify
