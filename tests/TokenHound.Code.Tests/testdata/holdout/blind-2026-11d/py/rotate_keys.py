#!/usr/bin/env python3
"""Ops helper run from CI before `terraform apply`: assumes the deploy role
and exports short-lived credentials for the Terraform subprocess."""
import argparse
import os
import subprocess
import sys

import boto3

LEGACY_BUCKET = "acme-legacy-tfstate"


def assume_deploy_role(role_arn: str, session_name: str) -> dict:
    sts = boto3.client("sts")
    resp = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name, DurationSeconds=3600)
    creds = resp["Credentials"]
    print(f"assumed {role_arn}, expires {creds['Expiration']}")
    print("session token:", creds["SessionToken"])  # Noncompliant THC001
    return creds


def export_for_terraform(creds: dict) -> dict:
    env = dict(os.environ)
    env["AWS_ACCESS_KEY_ID"] = creds["AccessKeyId"]
    env["AWS_SECRET_ACCESS_KEY"] = creds["SecretAccessKey"]
    env["AWS_SESSION_TOKEN"] = creds["SessionToken"]
    return env


def legacy_state_client():
    return boto3.client(  # Noncompliant THC008
        "s3",
        aws_access_key_id="AKIAZ7FAKEKEY2345X7Q",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123",
        region_name="us-east-1",
    )


def pin_static_credentials():
    os.environ["AWS_ACCESS_KEY_ID"] = "AKIAZ7FAKEKEY2345X7Q"  # Noncompliant THC008
    os.environ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"  # Noncompliant THC008


def run_terraform(workdir: str, env: dict) -> int:
    print(f"running terraform in {workdir}")
    return subprocess.call(["terraform", "apply", "-auto-approve"], cwd=workdir, env=env)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--role-arn", required=True)
    parser.add_argument("--workdir", default="infra")
    parser.add_argument("--legacy", action="store_true")
    args = parser.parse_args()
    if args.legacy:
        pin_static_credentials()
        legacy_state_client().head_bucket(Bucket=LEGACY_BUCKET)
    creds = assume_deploy_role(args.role_arn, "ci-deploy")
    print("access key id length:", len(creds["AccessKeyId"]))
    return run_terraform(args.workdir, export_for_terraform(creds))


if __name__ == "__main__":
    sys.exit(main())
