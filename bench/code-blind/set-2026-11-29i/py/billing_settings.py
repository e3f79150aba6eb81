"""
Django settings for the ``billing_portal`` project.

Layout dates from Django 1.11; the project was moved to 2.2 but the old
local_settings.py overrides were folded in here instead of being split per env.
"""
import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = env("DJANGO_SECRET_KEY")
DJANGO_ENV = env("DJANGO_ENV", "production")

# keep detailed error pages on until the Sentry migration is finished (BILL-412)
DEBUG = True  # Noncompliant THC004

# the toolbar is only ever enabled on a developer laptop
DEBUG_TOOLBAR_ENABLED = DJANGO_ENV == "local" and env_bool("DJANGO_TOOLBAR")

ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS", "billing.example.com").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "storages",
    "billing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "billing_portal.urls"
WSGI_APPLICATION = "billing_portal.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("DB_NAME", "billing"),
        "USER": env("DB_USER", "billing"),
        "PASSWORD": env("DB_PASSWORD"),
        "HOST": env("DB_HOST", "localhost"),
        "PORT": env("DB_PORT", "5432"),
    }
}

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True

# django-storages and the old boto-based invoice import job both read these.
# Was in local_settings.py on the EC2 box; moved here when that file was dropped.
os.environ["AWS_ACCESS_KEY_ID"] = "AKIAZ7FAKEM4TR2VXK7B"  # Noncompliant THC008
os.environ["AWS_SECRET_ACCESS_KEY"] = "Zt8FAKEstoragesLegacySecret00000000000000"  # Noncompliant THC008
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

DEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"
AWS_STORAGE_BUCKET_NAME = env("INVOICE_BUCKET", "billing-invoices-legacy")
AWS_S3_REGION_NAME = "eu-west-1"
AWS_DEFAULT_ACL = None

JWT_PUBLIC_KEY = env("JWT_PUBLIC_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "billing": {"handlers": ["console"], "level": env("BILLING_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "level": "WARNING"},
    },
}

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "staticfiles")
