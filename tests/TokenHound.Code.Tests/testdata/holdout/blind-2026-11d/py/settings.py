"""Django settings for the partner-portal project (Zappa deployment)."""
import logging
import os
from pathlib import Path

import boto3

logger = logging.getLogger("portal.settings")

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = True  # Noncompliant THC004

TEMPLATE_DEBUG = os.environ.get("TEMPLATE_DEBUG", "0") == "1"

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "portal.example.com").split(",")


def _ssm_param(name: str, decrypt: bool = True) -> str:
    ssm = boto3.client("ssm")
    value = ssm.get_parameter(Name=name, WithDecryption=decrypt)["Parameter"]["Value"]
    return value


SECRET_KEY = _ssm_param("/portal/django-secret-key")
logger.info("django secret key loaded: %s", SECRET_KEY)  # Noncompliant THC001

DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
logger.info("database password configured: %s", bool(DB_PASSWORD))

SITE_BANNER = _ssm_param("/portal/banner-text", decrypt=False)
logger.info("site banner: %s", SITE_BANNER)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "portal.partners",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "portal"),
        "USER": os.environ.get("DB_USER", "portal"),
        "PASSWORD": DB_PASSWORD,
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
STATIC_URL = "/static/"
