import logging
import traceback

from pyramid.httpexceptions import HTTPBadRequest, HTTPUnauthorized
from pyramid.response import Response
from pyramid.view import view_config, view_defaults

from .auth import authenticate_user, issue_session_token
from .exports import build_export

log = logging.getLogger(__name__)

COOKIE_MAX_AGE = 3600


@view_defaults(renderer="json")
class SessionViews:
    def __init__(self, request):
        self.request = request

    @view_config(route_name="login", request_method="POST")
    def login(self):
        body = self.request.json_body
        username = (body.get("username") or "").strip()
        password = body.get("password")
        if not username or not password:
            raise HTTPBadRequest(json_body={"message": "username and password required"})
        log.debug("login attempt user=%s password=%s", username, password)  # Noncompliant THC001
        user = authenticate_user(username, password)
        if user is None:
            log.info("failed login for user %s", username)
            raise HTTPUnauthorized()
        token = issue_session_token(user)
        response = Response(json_body={"user": user.id, "token_type": "Bearer"})
        response.set_cookie("auth_token", token, max_age=COOKIE_MAX_AGE)  # Noncompliant THC007
        response.set_cookie("remember_token", user.remember_token, max_age=30 * 86400, httponly=True, secure=True, samesite="Strict")
        response.set_cookie("ui_theme", body.get("theme", "light"), max_age=COOKIE_MAX_AGE)
        return response

    @view_config(route_name="export", request_method="GET")
    def export(self):
        export_id = self.request.matchdict.get("id")
        if not export_id or not export_id.isalnum():
            raise HTTPBadRequest(json_body={"message": "invalid export id"})
        try:
            return Response(build_export(export_id), content_type="text/csv")
        except Exception:
            log.exception("export %s failed", export_id)
            return Response(traceback.format_exc(), status=500, content_type="text/plain")  # Noncompliant THC003

    @view_config(route_name="debug_headers", request_method="GET")
    def debug_headers(self):
        log.warning("headers: %r", dict(self.request.headers))  # Noncompliant THC002
        return {"ok": True, "request_id": self.request.headers.get("X-Request-Id")}

    @view_config(route_name="login_form", request_method="GET", renderer="templates/login.jinja2")
    def login_form(self):
        return {"csrf_token": self.request.session.get_csrf_token(), "next": self.request.params.get("next", "/")}
