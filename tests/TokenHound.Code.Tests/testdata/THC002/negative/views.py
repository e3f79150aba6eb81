"""Django views and an OAuth endpoint that log the request object itself.

A framework request prints its repr, not its headers: Django's HttpRequest gives "<WSGIRequest: GET '/orders/'>",
oauthlib's Request gives "<oauthlib.Request SANITIZED>" unless its debug mode is on.
"""
import logging

from django.http import JsonResponse
from django.views import View
from oauthlib.oauth2.rfc6749 import errors

log = logging.getLogger(__name__)


class OrderView(View):
    def get(self, request, order_id):
        log.info("order lookup %s for %r", order_id, request)
        user = request.user
        return JsonResponse({"order": order_id, "user": user.username})


def health(request):
    logging.debug("health check from %s", request)
    return JsonResponse({"ok": True, "path": request.path})


class TokenEndpoint:
    def validate_token_request(self, request):
        if request.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            log.debug("Invalid content type for %r.", request)
            raise errors.InvalidRequestError(request=request)
        if not self.request_validator.authenticate_client(request):
            log.debug("Client authentication failed, %r.", request)
            raise errors.InvalidClientError(request=request)
