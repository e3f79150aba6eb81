"""Production settings: debug only when explicitly requested."""
import os

from .settings import *  # noqa: F401,F403

DEBUG = os.environ.get("DJANGO_DEBUG", "false").lower() == "true"
TEMPLATE_DEBUG = DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = True
