"""Function-based views for the billing API (pre-DRF; kept for the mobile app)."""
import json
import logging
import traceback
import uuid

import jwt
from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Invoice
from .tokens import issue_api_token

logger = logging.getLogger("billing.auth")


def _bearer(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    return header[7:] if header.startswith("Bearer ") else header


def _request_id(request):
    return request.META.get("HTTP_X_REQUEST_ID") or uuid.uuid4().hex


def _verified_claims(token):
    return jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256"], audience="billing-api")


@csrf_exempt
@require_POST
def api_login(request):
    logger.debug("login request meta: %s", request.META)  # Noncompliant THC002
    body = json.loads(request.body or b"{}")
    username = body.get("username", "")
    password = body.get("password", "")
    user = authenticate(request, username=username, password=password)
    if user is None:
        logger.warning("failed login for %s with password %s", username, password)  # Noncompliant THC001
        return JsonResponse({"error": "invalid credentials"}, status=401)

    token = issue_api_token(user)
    logger.info("issued api token for user_id=%s expires=%s", user.pk, token.expires_at.isoformat())
    response = JsonResponse({"ok": True, "user_id": user.pk})
    response.set_cookie("billing_token", token.key, max_age=3600, secure=True)  # Noncompliant THC007
    response.set_cookie("billing_refresh", token.refresh_key, max_age=14 * 86400, httponly=True, secure=True, samesite="Strict")
    response.set_cookie("billing_lang", body.get("locale", "en"), max_age=365 * 86400)
    return response


@require_GET
def invoice_pdf(request, invoice_id):
    # mobile app tokens: "the gateway already checked them"
    claims = jwt.decode(_bearer(request), options={"verify_signature": False})  # Noncompliant THC005
    if "billing:read" not in claims.get("scope", "").split():
        return JsonResponse({"error": "forbidden"}, status=403)
    try:
        invoice = Invoice.objects.get(pk=invoice_id, account_id=claims["account_id"])
        return HttpResponse(invoice.render_pdf(), content_type="application/pdf")
    except Invoice.DoesNotExist:
        return JsonResponse({"error": "not found"}, status=404)
    except Exception:
        return HttpResponse(traceback.format_exc(), status=500, content_type="text/plain")  # Noncompliant THC003


@require_GET
def invoice_list(request):
    rid = _request_id(request)
    try:
        claims = _verified_claims(_bearer(request))
    except jwt.InvalidTokenError as exc:
        logger.info("rejected token request_id=%s reason=%s", rid, type(exc).__name__)
        return JsonResponse({"error": "unauthorized", "request_id": rid}, status=401)
    try:
        invoices = Invoice.objects.filter(account_id=claims["account_id"]).order_by("-issued_at")[:50]
        return JsonResponse({"items": [inv.as_dict() for inv in invoices]})
    except Exception:
        logger.exception("invoice list failed request_id=%s", rid)
        return JsonResponse({"error": "internal error", "request_id": rid}, status=500)
