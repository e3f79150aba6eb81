"""Report archive for the cost dashboard (FastAPI). Settings come from the environment through pydantic-settings."""
from functools import lru_cache

import boto3
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    aws_region: str = "eu-west-1"
    archive_bucket: str = "cost-reports"
    archive_aws_access_key_id: str = ""
    archive_aws_secret_access_key: str = ""


@lru_cache
def get_settings() -> Settings:
    return Settings()


def archive_client():
    settings = get_settings()
    return boto3.client("s3", region_name=settings.aws_region, aws_access_key_id=settings.archive_aws_access_key_id, aws_secret_access_key=settings.archive_aws_secret_access_key)  # Noncompliant THC008


def list_reports(prefix: str) -> list[str]:
    out = archive_client().list_objects_v2(Bucket=get_settings().archive_bucket, Prefix=prefix)
    return [o["Key"] for o in out.get("Contents", [])]
