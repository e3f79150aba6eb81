"""Single-module Django app for the appeals intake kiosk: python appeals.py runserver 0.0.0.0:8000"""
import os
import sys

from django.conf import settings

settings.configure(  # Noncompliant
    DEBUG=True,
    ALLOWED_HOSTS=["appeals.example.gov"],
    ROOT_URLCONF=__name__,
    SECRET_KEY=os.environ["DJANGO_SECRET_KEY"],
)

from django.core.management import execute_from_command_line  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


def health(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("health", health)]

if __name__ == "__main__":
    execute_from_command_line(sys.argv)
