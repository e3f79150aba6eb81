"""Batch job: the archive account is reached through an assumed role; its keys are looked up by name, not stored."""
import configparser

import boto3

config = configparser.ConfigParser()
config.read("/etc/archive/job.ini")


def archive_client(creds):
    # creds is the Credentials dict of sts.assume_role, passed in by the caller
    return boto3.client(
        "s3",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=config.get("archive", "region"),
    )


def assumed_client():
    sts = boto3.client("sts")
    out = sts.assume_role(RoleArn=config.get("archive", "role_arn"), RoleSessionName="archive-job")["Credentials"]
    return archive_client(out)
