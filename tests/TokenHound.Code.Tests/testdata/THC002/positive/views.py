"""Django views that log the request's header dictionaries (Authorization and Cookie among them)."""
import json
import logging

from django.http import JsonResponse

log = logging.getLogger(__name__)


def webhook(request):
    log.info("webhook call: %s", request.META)  # Noncompliant
    payload = json.loads(request.body or b"{}")
    return JsonResponse({"received": len(payload)})


def whoami(request):
    log.debug("headers: %s", dict(request.headers))  # Noncompliant
    log.debug("user agent %s", request.META.get("HTTP_USER_AGENT"))
    return JsonResponse({"user": request.user.username})
