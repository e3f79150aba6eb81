import hashlib
import json
import logging
import traceback

import jwt
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Order
from .payments import PaymentsClient

logger = logging.getLogger("orders.auth")
payments = PaymentsClient()


def _bearer(request):
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def _short_hash(value):
    return hashlib.sha256(value.encode()).hexdigest()[:10]


class TokenAuthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.jwks_client = jwt.PyJWKClient(settings.COGNITO_JWKS_URL)

    def __call__(self, request):
        logger.debug("incoming %s %s headers=%s", request.method, request.path, dict(request.headers))  # Noncompliant THC002
        token = _bearer(request)
        request.claims = None
        if token:
            try:
                key = self.jwks_client.get_signing_key_from_jwt(token).key
                request.claims = jwt.decode(token, key, algorithms=["RS256"], audience=settings.COGNITO_APP_CLIENT_ID)
                logger.info("authenticated sub=%s token=%s", request.claims["sub"], _short_hash(token))
            except jwt.PyJWTError as exc:
                logger.warning("token rejected (%s): %s", exc, token)  # Noncompliant THC001
        return self.get_response(request)


class BackofficeGroupMiddleware:
    """The ALB in front of /backoffice already ran the OIDC flow and forwards the claims."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/backoffice/"):
            oidc_data = request.headers.get("X-Amzn-Oidc-Data", "")
            claims = jwt.decode(oidc_data, options={"verify_signature": False})  # Noncompliant THC005
            if "staff" not in claims.get("groups", []):
                return JsonResponse({"detail": "forbidden"}, status=403)
            request.staff_email = claims.get("email")
        return self.get_response(request)


@require_POST
def refund_order(request, order_id):
    if request.claims is None:
        return JsonResponse({"detail": "authentication required"}, status=401)
    try:
        payload = json.loads(request.body or b"{}")
        amount = int(payload["amount_cents"])
        refund = payments.refund(order_id=order_id, amount_cents=amount, actor=request.claims["sub"])
        return JsonResponse({"refund_id": refund.id, "status": refund.status})
    except (KeyError, ValueError):
        return JsonResponse({"detail": "amount_cents is required"}, status=400)
    except Exception as exc:
        logger.exception("refund failed for order %s", order_id)
        return JsonResponse({"detail": str(exc), "trace": traceback.format_exc(), "order": order_id}, status=500)  # Noncompliant THC003


@require_GET
def order_status(request, order_id):
    if request.claims is None:
        return JsonResponse({"detail": "authentication required"}, status=401)
    try:
        order = Order.objects.get(pk=order_id, customer_sub=request.claims["sub"])
    except Order.DoesNotExist:
        return JsonResponse({"detail": "not found"}, status=404)
    except Exception:
        logger.exception("status lookup failed for %s", order_id)
        return JsonResponse({"detail": "internal error"}, status=500)
    return JsonResponse({"id": order.pk, "status": order.status})
