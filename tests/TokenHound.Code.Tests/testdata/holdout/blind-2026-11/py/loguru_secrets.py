import hashlib
import json
import os

import boto3
import psycopg2
from loguru import logger

secrets = boto3.client("secretsmanager")
ssm = boto3.client("ssm")


def _db_credentials():
    arn = os.environ["DB_SECRET_ARN"]
    resp = secrets.get_secret_value(SecretId=arn)
    creds = json.loads(resp["SecretString"])
    logger.info("fetched secret {} version {}", arn, resp["VersionId"])
    logger.debug(f"db creds: {creds}")  # Noncompliant THC001
    return creds


def _api_key():
    param = ssm.get_parameter(Name="/reports/api-key", WithDecryption=True)
    api_key = param["Parameter"]["Value"]
    logger.info("api key ****{}", api_key[-4:])
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    logger.info("api key sha256={}", digest)
    logger.trace("api key is {key}", key=api_key)  # Noncompliant THC001
    return api_key


def _region():
    p = ssm.get_parameter(Name="/reports/region")
    logger.info("region param {}", p["Parameter"]["Value"])
    return p["Parameter"]["Value"]


def handler(event, context):
    creds = _db_credentials()
    password = creds["password"]
    try:
        conn = psycopg2.connect(host=creds["host"], user=creds["username"], password=password, dbname="reports")
    except psycopg2.OperationalError:
        logger.error("connect failed for %s with password %s" % (creds["username"], password))  # Noncompliant THC001
        raise
    key = _api_key()
    logger.info("connected to {} in {}", creds["host"], _region())
    return {"ok": bool(conn) and bool(key)}
