import base64
import json

from rest_framework import authentication, exceptions


class CognitoBearerAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    # Django's request.META holds the Authorization header as HTTP_AUTHORIZATION; a slice after the scheme keeps the token
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(self.keyword + " "):
            return None
        token = header[len(self.keyword) + 1 :]
        segment = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))  # Noncompliant
        if claims.get("token_use") != "access":
            raise exceptions.AuthenticationFailed("Invalid token")
        return (claims["sub"], None)
