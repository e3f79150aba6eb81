#!/usr/bin/env python3
"""Ops helper: rotate the reporting DB password in a target account and notify the on-call channel."""
import argparse
import json
import logging
import os
import secrets
import string

import boto3

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("rotate-db")


def assume(role_arn: str, session_name: str) -> dict:
    sts = boto3.client("sts")
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name, DurationSeconds=3600)["Credentials"]
    log.info("assumed %s, credentials expire at %s", role_arn, creds["Expiration"])
    return creds


def export_credentials(creds: dict) -> None:
    # pg_dump/psql subprocesses and every boto3 client created afterwards pick these up
    os.environ.update(AWS_ACCESS_KEY_ID=creds["AccessKeyId"], AWS_SECRET_ACCESS_KEY=creds["SecretAccessKey"], AWS_SESSION_TOKEN=creds["SessionToken"])  # Noncompliant THC008


def find_secret(sm, prefix: str) -> dict:
    token = None
    while True:
        kwargs = {"Filters": [{"Key": "name", "Values": [prefix]}]}
        if token:
            kwargs["NextToken"] = token
        page = sm.list_secrets(**kwargs)
        for entry in page["SecretList"]:
            if entry["Name"].endswith("/reporting-db"):
                return entry
        token = page.get("NextToken")
        log.info("secret not on this page, continuing with NextToken=%s", token)
        if not token:
            raise SystemExit(f"no reporting-db secret under {prefix}")


def new_password(length: int = 32) -> str:
    alphabet = string.ascii_letters + string.digits + "-_.!"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--role-arn", required=True)
    parser.add_argument("--secret-prefix", default="prod/")
    parser.add_argument("--topic-arn", required=True)
    parser.add_argument("--state-machine-arn", required=True)
    args = parser.parse_args()

    creds = assume(args.role_arn, "rotate-reporting-db")
    export_credentials(creds)

    sm = boto3.client("secretsmanager")
    entry = find_secret(sm, args.secret_prefix)
    current = json.loads(sm.get_secret_value(SecretId=entry["ARN"])["SecretString"])
    print(f"current connection for {entry['Name']}: {current['username']}:{current['password']}@{current['host']}")  # Noncompliant THC001

    current["password"] = new_password()
    sm.put_secret_value(SecretId=entry["ARN"], SecretString=json.dumps(current))
    log.info("stored new password version for %s", entry["Name"])

    sfn = boto3.client("stepfunctions")
    execution = sfn.start_execution(
        stateMachineArn=args.state_machine_arn,
        input=json.dumps({"secretArn": entry["ARN"], "host": current["host"]}),
    )

    notice = {"secret": entry["Name"], "username": current["username"], "password": current["password"]}
    boto3.client("sns").publish(TopicArn=args.topic_arn, Subject="reporting-db password rotated", Message=json.dumps(notice))  # Noncompliant THC009
    print("rotation workflow started:", execution["executionArn"])


if __name__ == "__main__":
    main()
