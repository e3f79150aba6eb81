"""
Django settings for the inventory project (deployed to Lambda with Zappa).
"""
import json
import logging
import os
from pathlib import Path

import boto3

BASE_DIR = Path(__file__).resolve().parent.parent
REGION = os.environ.get("AWS_REGION", "eu-west-1")


def _secret(secret_id):
    client = boto3.client("secretsmanager", region_name=REGION)
    return json.loads(client.get_secret_value(SecretId=secret_id)["SecretString"])


_db = _secret(os.environ["DB_SECRET_ARN"])
SECRET_KEY = _secret(os.environ["DJANGO_SECRET_ARN"])["secret_key"]

DEBUG = True  # Noncompliant THC004

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "storages",
    "inventory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "inventory.urls"
WSGI_APPLICATION = "inventory.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db["dbname"],
        "USER": _db["username"],
        "PASSWORD": _db["password"],
        "HOST": _db["host"],
        "PORT": _db.get("port", 5432),
    }
}

logging.getLogger("inventory.settings").info("database %s on %s:%s", _db["dbname"], _db["host"], _db.get("port", 5432))
print(f"DB connection: postgresql://{_db['username']}:{_db['password']}@{_db['host']}/{_db['dbname']}")  # Noncompliant THC001

# media bucket lives in the shared-services account
AWS_STORAGE_BUCKET_NAME = os.environ["MEDIA_BUCKET"]
AWS_S3_REGION_NAME = REGION
os.environ["AWS_ACCESS_KEY_ID"] = "AKIAZ7FAKEJ4K5L6M7N2"  # Noncompliant THC008
os.environ["AWS_SECRET_ACCESS_KEY"] = "FAKEsecretFAKEsecretFAKEsecretFAKEsecret"  # Noncompliant THC008

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
