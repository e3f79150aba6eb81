"""Evidence upload service for benefit claims (single-module Django app).

Claimants upload scanned documents; we store them in S3 and run Textract to
pre-fill the caseworker review form.  Run with:  python document_upload_django.py runserver
"""
import json
import logging
import os
import sys
import traceback
import uuid

import boto3
from django.conf import settings

settings.configure(DEBUG=True, ALLOWED_HOSTS=["uploads.benefits.example.gov"], ROOT_URLCONF=__name__,  # Noncompliant THC004
                   SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", ""), MIDDLEWARE=["django.middleware.common.CommonMiddleware"])

from django.core.management import execute_from_command_line  # noqa: E402
from django.http import HttpResponseNotAllowed, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

log = logging.getLogger("evidence.upload")

UPLOAD_BUCKET = os.environ.get("UPLOAD_BUCKET", "benefit-evidence-uploads")
REGION = os.environ.get("AWS_REGION", "eu-west-2")

s3 = boto3.client("s3", region_name=REGION)
textract = boto3.client(  # Noncompliant THC008
    "textract",
    region_name=REGION,
    aws_access_key_id="AKIAZ7FAKEH4TX6WQ2MB",
    aws_secret_access_key="FAKEtextractSecretKey00FAKE00000000000",
)


def _claimant_from(request):
    # The upload token is issued by the portal after citizen-ID login.
    token = request.headers.get("X-Upload-Token") or request.COOKIES.get("upload_token")
    if not token:
        return None, None
    claimant_id = request.headers.get("X-Claimant-Id")
    return token, claimant_id


@csrf_exempt
def start_upload(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    token, claimant_id = _claimant_from(request)
    if not token:
        return JsonResponse({"error": "unauthorized"}, status=401)
    doc_key = f"{claimant_id}/{uuid.uuid4()}.pdf"
    url = s3.generate_presigned_url("put_object", Params={"Bucket": UPLOAD_BUCKET, "Key": doc_key}, ExpiresIn=300)
    log.info("presigned upload for claimant=%s key=%s", claimant_id, doc_key)
    response = JsonResponse({"uploadUrl": url, "documentKey": doc_key})
    response.set_cookie("upload_token", token, secure=True, max_age=900)  # Noncompliant THC007
    response.set_cookie("upload_doc", doc_key, secure=True, httponly=True, samesite="Strict")
    return response


@csrf_exempt
def analyze(request):
    token, claimant_id = _claimant_from(request)
    if not token:
        return JsonResponse({"error": "unauthorized"}, status=401)
    body = json.loads(request.body or b"{}")
    doc_key = body.get("documentKey", "")
    try:
        job = textract.start_document_analysis(
            DocumentLocation={"S3Object": {"Bucket": UPLOAD_BUCKET, "Name": doc_key}},
            FeatureTypes=["FORMS", "TABLES"],
        )
        log.info("textract job %s started for %s", job["JobId"], doc_key)
        return JsonResponse({"jobId": job["JobId"]}, status=202)
    except textract.exceptions.InvalidS3ObjectException:
        correlation_id = str(uuid.uuid4())
        log.warning("bad document %s correlation_id=%s", doc_key, correlation_id)
        return JsonResponse({"error": "Document could not be read", "correlationId": correlation_id}, status=422)
    except Exception:
        return JsonResponse({"error": "analysis failed", "detail": traceback.format_exc()}, status=500)  # Noncompliant THC003


def job_status(request, job_id):
    out = textract.get_document_analysis(JobId=job_id, MaxResults=1)
    return JsonResponse({"jobId": job_id, "status": out["JobStatus"]})


urlpatterns = [
    path("uploads", start_upload),
    path("analyze", analyze),
    path("jobs/<str:job_id>", job_status),
]

if __name__ == "__main__":
    execute_from_command_line(sys.argv)
