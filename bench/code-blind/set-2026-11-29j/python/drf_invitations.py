"""Tenant invitation endpoints (Django REST Framework)."""
import logging
import secrets
from datetime import timedelta

import jwt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import ViewSet

from accounts.models import Invitation, Membership, TenantSession, User

logger = logging.getLogger("tenants.invitations")

SESSION_TTL = timedelta(hours=8)


class AcceptInvitationSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=4096)
    full_name = serializers.CharField(max_length=200)
    password = serializers.CharField(min_length=12, write_only=True)


def verified_invite_claims(token):
    return jwt.decode(
        token,
        settings.INVITE_SIGNING_KEY,
        algorithms=["HS256"],
        audience="tenant-invite",
        issuer=settings.INVITE_ISSUER,
    )


def start_session(user, tenant):
    token = secrets.token_urlsafe(32)
    TenantSession.objects.create(
        user=user,
        tenant=tenant,
        token_hash=TenantSession.hash(token),
        expires_at=timezone.now() + SESSION_TTL,
    )
    return token


class InvitationViewSet(ViewSet):
    permission_classes = [permissions.AllowAny]

    @action(detail=False, methods=["post"])
    def accept(self, request):
        serializer = AcceptInvitationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        logger.info("accepting invitation token=%s tenant=%s", data["token"], request.headers.get("X-Tenant"))  # Noncompliant THC001
        try:
            claims = verified_invite_claims(data["token"])
            with transaction.atomic():
                invitation = Invitation.objects.select_for_update().get(
                    pk=claims["inv"], tenant_id=claims["tid"], accepted_at__isnull=True
                )
                user, _ = User.objects.get_or_create(email=invitation.email, defaults={"full_name": data["full_name"]})
                user.set_password(data["password"])
                user.save()
                membership = Membership.objects.create(user=user, tenant=invitation.tenant, role=invitation.role)
                invitation.accepted_at = timezone.now()
                invitation.save(update_fields=["accepted_at"])
        except (jwt.InvalidTokenError, Invitation.DoesNotExist) as exc:
            return Response({"detail": str(exc), "submitted": request.data}, status=status.HTTP_400_BAD_REQUEST)  # Noncompliant THC003

        logger.info("invitation %s accepted by user %s (tenant %s)", invitation.pk, user.pk, invitation.tenant_id)
        response = Response({"tenant": invitation.tenant.slug, "role": membership.role}, status=status.HTTP_201_CREATED)
        response.set_cookie("tenant_session", start_session(user, invitation.tenant), max_age=int(SESSION_TTL.total_seconds()), httponly=False, secure=True, samesite="Lax")  # Noncompliant THC007
        response.set_cookie("last_tenant", invitation.tenant.slug, max_age=30 * 86400, httponly=True, secure=True, samesite="Lax")
        return response

    @action(detail=False, methods=["post"])
    def revoke(self, request):
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        actor = jwt.decode(bearer, options={"verify_signature": False})  # Noncompliant THC005
        if "tenant-admin" not in actor.get("roles", []):
            return Response({"detail": "forbidden"}, status=status.HTTP_403_FORBIDDEN)
        invitation_id = request.data.get("invitation_id")
        updated = Invitation.objects.filter(
            pk=invitation_id, tenant_id=actor["tid"], accepted_at__isnull=True
        ).update(revoked_at=timezone.now())
        logger.info("invitation %s revoked by %s (rows=%d)", invitation_id, actor.get("sub"), updated)
        return Response(status=status.HTTP_204_NO_CONTENT)
