"""Production settings for the orders service (deployed to Lambda with Zappa)."""
import json
import os

import boto3

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, INSTALLED_APPS, TEMPLATES

STAGE = os.environ.get("STAGE", "prod")

# TODO(ops-412): switch back off once the 500s on /checkout are understood
DEBUG = True  # Noncompliant THC004

TEMPLATES[0]["OPTIONS"]["debug"] = STAGE == "dev"

ALLOWED_HOSTS = [".execute-api.eu-central-1.amazonaws.com", "orders.example.com"]

# collectstatic and the keep-warm job run from CI with the deploy user
os.environ.update(AWS_ACCESS_KEY_ID="AKIAZ7FAKEL4NWQ5TRBX", AWS_SECRET_ACCESS_KEY="Zp3FAKEq8wLm2VnRtYxK9sEcr3tFAKE0000aaaa")  # Noncompliant THC008


def _load_secret(secret_id):
    client = boto3.client("secretsmanager", region_name=os.environ.get("AWS_REGION", "eu-central-1"))
    raw = client.get_secret_value(SecretId=secret_id)["SecretString"]
    return json.loads(raw)


_DB_SECRET_ID = os.environ.get("DB_SECRET_ID", "orders/prod/postgres")
_db = _load_secret(_DB_SECRET_ID)
print(f"[settings] loaded database secret {_DB_SECRET_ID} for stage {STAGE}")
print(f"[settings] connecting as {_db['username']} / {_db['password']} to {_db['host']}")  # Noncompliant THC001

SECRET_KEY = _load_secret(os.environ["DJANGO_KEY_SECRET_ID"])["secret_key"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.get("dbname", "orders"),
        "USER": _db["username"],
        "PASSWORD": _db["password"],
        "HOST": _db["host"],
        "PORT": _db.get("port", 5432),
        "CONN_MAX_AGE": 60,
    }
}

INSTALLED_APPS += ["storages"]
STATICFILES_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
AWS_STORAGE_BUCKET_NAME = os.environ.get("STATIC_BUCKET", "orders-static-prod")

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"format": '{"level": "%(levelname)s", "logger": "%(name)s", "msg": "%(message)s"}'}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

COGNITO_JWKS_URL = os.environ["COGNITO_JWKS_URL"]
COGNITO_APP_CLIENT_ID = os.environ["COGNITO_APP_CLIENT_ID"]
MEDIA_ROOT = BASE_DIR / "media"
