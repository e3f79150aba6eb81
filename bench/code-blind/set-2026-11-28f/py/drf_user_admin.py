import base64
import json
import logging

import boto3
from botocore.exceptions import ClientError
from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework import authentication, exceptions, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

logger = logging.getLogger(__name__)
cognito = boto3.client("cognito-idp", region_name=settings.COGNITO_REGION)


class CognitoHeaderAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(self.keyword + " "):
            return None
        token = header[len(self.keyword) + 1 :]
        try:
            segment = token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))  # Noncompliant THC005
        except (IndexError, ValueError):
            logger.warning("malformed bearer token: %s", header)  # Noncompliant THC001
            raise exceptions.AuthenticationFailed("Invalid token")
        if claims.get("token_use") != "access" or claims.get("client_id") != settings.COGNITO_APP_CLIENT_ID:
            raise exceptions.AuthenticationFailed("Invalid token")
        user, _ = get_user_model().objects.get_or_create(username=claims["sub"])
        return user, claims

    def authenticate_header(self, request):
        return self.keyword


class UserAdminViewSet(viewsets.ViewSet):
    authentication_classes = [CognitoHeaderAuthentication]
    permission_classes = [permissions.IsAdminUser]

    def list(self, request):
        kwargs = {"UserPoolId": settings.COGNITO_USER_POOL_ID, "Limit": 50}
        if request.query_params.get("page"):
            kwargs["PaginationToken"] = request.query_params["page"]
        resp = cognito.list_users(**kwargs)
        logger.info("listed %d users, next page %s", len(resp["Users"]), resp.get("PaginationToken"))
        users = [{"username": u["Username"], "status": u["UserStatus"], "enabled": u["Enabled"]} for u in resp["Users"]]
        return Response({"users": users, "next": resp.get("PaginationToken")})

    def create(self, request):
        email = request.data.get("email")
        try:
            cognito.admin_create_user(
                UserPoolId=settings.COGNITO_USER_POOL_ID,
                Username=email,
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
                DesiredDeliveryMediums=["EMAIL"],
            )
        except ClientError:
            logger.exception("admin_create_user failed for %s", email)
            return Response({"detail": "could not create user"}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"email": email}, status=status.HTTP_201_CREATED)

    @action(detail=False, methods=["post"], url_path="impersonate")
    def impersonate(self, request):
        username = request.data["username"]
        logger.info("support impersonation of %s requested by %s", username, request.user.username)
        result = cognito.admin_initiate_auth(
            UserPoolId=settings.COGNITO_USER_POOL_ID,
            ClientId=settings.COGNITO_SUPPORT_CLIENT_ID,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": request.data["password"]},
        )
        tokens = result["AuthenticationResult"]
        response = Response({"username": username, "expires_in": tokens["ExpiresIn"]})
        response.set_cookie("impersonation_token", tokens["AccessToken"], secure=True, samesite="Lax", max_age=tokens["ExpiresIn"])  # Noncompliant THC007
        return response
