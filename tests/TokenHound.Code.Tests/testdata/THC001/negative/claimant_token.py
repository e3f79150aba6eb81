"""Upload endpoints: the helper returns the caller's token and the claimant id; only the id and an S3 key are logged."""
import logging
import uuid

from django.http import JsonResponse

log = logging.getLogger("evidence.upload")


def _claimant_from(request):
    token = request.headers.get("X-Upload-Token") or request.COOKIES.get("upload_token")
    if not token:
        return None, None
    return token, request.headers.get("X-Claimant-Id")


def start_upload(request):
    token, claimant_id = _claimant_from(request)
    if not token:
        return JsonResponse({"error": "unauthorized"}, status=401)
    doc_key = f"{claimant_id}/{uuid.uuid4()}.pdf"
    log.info("upload started claimant=%s key=%s", claimant_id, doc_key)
    return JsonResponse({"documentKey": doc_key})
