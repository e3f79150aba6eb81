"""Glue job: export a closed ledger period from the finance Aurora cluster to the
partner's S3 bucket and notify the reconciliation service.

Job parameters: --period, --db_secret_id, --partner_bucket, --partner_key_id,
--partner_secret_key, --recon_queue_url
"""
import json
import logging
import os
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F

logger = logging.getLogger("ledger_export")
logger.setLevel(logging.INFO)

args = getResolvedOptions(
    sys.argv,
    ["JOB_NAME", "period", "db_secret_id", "partner_bucket", "partner_key_id", "partner_secret_key", "recon_queue_url"],
)

sc = SparkContext.getOrCreate()
glue_ctx = GlueContext(sc)
spark = glue_ctx.spark_session
job = Job(glue_ctx)
job.init(args["JOB_NAME"], args)

secrets = boto3.client("secretsmanager")
sqs = boto3.client("sqs")

# The s3a connector picks the partner bucket credentials up from the environment.
os.environ["AWS_ACCESS_KEY_ID"] = args["partner_key_id"]  # Noncompliant THC008
os.environ["AWS_SECRET_ACCESS_KEY"] = args["partner_secret_key"]  # Noncompliant THC008


def db_credentials(secret_id):
    resp = secrets.get_secret_value(SecretId=secret_id)
    logger.info("resolved db secret %s (version %s)", resp["ARN"], resp["VersionId"])
    creds = json.loads(resp["SecretString"])
    print(f"connecting to {creds['host']} as {creds['username']} / {creds['password']}")  # Noncompliant THC001
    return creds


def read_period(creds, period):
    url = f"jdbc:postgresql://{creds['host']}:{creds.get('port', 5432)}/{creds['dbname']}"
    df = (
        spark.read.format("jdbc")
        .option("url", url)
        .option("dbtable", "ledger.entries")
        .option("user", creds["username"])
        .option("password", creds["password"])
        .option("fetchsize", "10000")
        .load()
    )
    return df.where(F.col("period") == period)


def notify_reconciliation(queue_url, period, path, creds, rows):
    message = {
        "period": period,
        "path": path,
        "rows": rows,
        "source": {"host": creds["host"], "user": creds["username"], "password": creds["password"]},
    }
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(message))  # Noncompliant THC009


def main():
    period = args["period"]
    creds = db_credentials(args["db_secret_id"])
    df = read_period(creds, period).cache()
    rows = df.count()
    out_path = f"s3a://{args['partner_bucket']}/ledger/period={period}/"
    df.write.mode("overwrite").parquet(out_path)
    logger.info("exported %d rows for period %s to %s", rows, period, out_path)
    notify_reconciliation(args["recon_queue_url"], period, out_path, creds, rows)
    job.commit()


main()
