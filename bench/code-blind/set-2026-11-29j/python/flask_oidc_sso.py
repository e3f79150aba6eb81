"""Per-tenant OIDC single sign-on for the admin console (Flask)."""
import logging
import os
import secrets
from urllib.parse import urlencode

import jwt
import requests
from flask import Flask, abort, redirect, request, session

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("sso")

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["DEBUG"] = True  # Noncompliant THC004
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

APP_URL = os.environ.get("APP_URL", "https://admin.example.com")


class TenantIdpRegistry:
    def __init__(self, http: requests.Session | None = None):
        self._http = http or requests.Session()
        self._cache: dict[str, dict] = {}

    def get(self, tenant: str) -> dict:
        if tenant not in self._cache:
            prefix = f"SSO_{tenant.upper()}_"
            issuer = os.environ[prefix + "ISSUER"]
            meta = self._http.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
            self._cache[tenant] = {
                "issuer": issuer,
                "client_id": os.environ[prefix + "CLIENT_ID"],
                "client_secret": os.environ[prefix + "CLIENT_SECRET"],
                "authorize": meta["authorization_endpoint"],
                "token_endpoint": meta["token_endpoint"],
                "scim_base": os.environ.get(prefix + "SCIM_BASE", f"{issuer}/scim/v2"),
                "jwks": jwt.PyJWKClient(meta["jwks_uri"]),
            }
        return self._cache[tenant]


registry = TenantIdpRegistry()


@app.get("/sso/<tenant>/login")
def login(tenant):
    idp = registry.get(tenant)
    session["sso_state"] = secrets.token_urlsafe(16)
    query = urlencode({
        "client_id": idp["client_id"],
        "response_type": "code",
        "scope": "openid email groups",
        "redirect_uri": f"{APP_URL}/sso/{tenant}/callback",
        "state": session["sso_state"],
    })
    return redirect(f"{idp['authorize']}?{query}")


@app.get("/sso/<tenant>/callback")
def callback(tenant):
    log.info("SSO callback headers: %s", dict(request.headers))  # Noncompliant THC002
    if request.args.get("state") != session.pop("sso_state", None):
        abort(400)
    idp = registry.get(tenant)
    tokens = requests.post(
        idp["token_endpoint"],
        data={"grant_type": "authorization_code", "code": request.args["code"], "redirect_uri": f"{APP_URL}/sso/{tenant}/callback"},
        auth=(idp["client_id"], idp["client_secret"]),
        timeout=10,
    ).json()
    signing_key = idp["jwks"].get_signing_key_from_jwt(tokens["id_token"])
    claims = jwt.decode(tokens["id_token"], signing_key.key, algorithms=["RS256"], issuer=idp["issuer"], options={"verify_aud": False})  # Noncompliant THC006
    log.info("SSO login tenant=%s sub=%s groups=%s", tenant, claims["sub"], claims.get("groups"))
    session["user"] = {"sub": claims["sub"], "tenant": tenant, "admin": "console-admins" in claims.get("groups", [])}
    sync_directory(idp, tokens["access_token"])
    resp = redirect("/console")
    resp.set_cookie("console_tenant", tenant, max_age=30 * 86400, httponly=True, secure=True, samesite="Lax")
    return resp


def sync_directory(idp: dict, access_token: str) -> None:
    users = requests.get(f"{idp['scim_base']}/Users?count=200&access_token={access_token}", timeout=10)  # Noncompliant THC009
    groups = requests.get(f"{idp['scim_base']}/Groups", headers={"Authorization": f"Bearer {access_token}"}, timeout=10)
    log.info(
        "directory sync users=%d groups=%d",
        len(users.json().get("Resources", [])),
        len(groups.json().get("Resources", [])),
    )
