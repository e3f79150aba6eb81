"""Upload endpoints: the caller's upload token comes back from a helper together with the claimant id."""
import logging

from django.http import JsonResponse

log = logging.getLogger("evidence.upload")


def _claimant_from(request):
    token = request.headers.get("X-Upload-Token") or request.COOKIES.get("upload_token")
    if not token:
        return None, None
    return token, request.headers.get("X-Claimant-Id")


def start_upload(request):
    token, claimant_id = _claimant_from(request)
    log.info("upload started claimant=%s token=%s", claimant_id, token)  # Noncompliant
    return JsonResponse({"ok": True})
