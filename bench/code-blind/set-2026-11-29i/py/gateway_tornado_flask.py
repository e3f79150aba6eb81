"""Edge gateway, half-migrated.

The Tornado app still serves /api/v1 and the websocket; the Flask 1.x app (mounted
through WSGIContainer) serves /api/v2. Both share the HS256 secret for now.
"""
import logging
import os
import traceback

import jwt
import tornado.ioloop
import tornado.web
import tornado.wsgi
from flask import Flask, jsonify, request

LOG = logging.getLogger("gateway")
JWT_SECRET = os.environ.get("GATEWAY_JWT_SECRET", "")


class BaseHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        self.set_header("Content-Type", "text/plain")
        if "exc_info" in kwargs:
            self.write("".join(traceback.format_exception(*kwargs["exc_info"])))  # Noncompliant THC003
        else:
            self.write(self._reason)
        self.finish()

    def current_claims(self):
        auth = self.request.headers.get("Authorization", "")
        logging.info("v1 call %s auth=%s", self.request.path, auth)  # Noncompliant THC001
        # v1 tokens come from the old PHP login and carry a bogus exp, so it is ignored
        return jwt.decode(auth.replace("Bearer ", ""), JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False})  # Noncompliant THC006


class AccountHandler(BaseHandler):
    def get(self, account_id):
        claims = self.current_claims()
        if claims.get("account_id") != account_id:
            raise tornado.web.HTTPError(403)
        self.write({"account_id": account_id, "plan": claims.get("plan", "basic")})


flask_app = Flask(__name__)
flask_app.config["DEBUG"] = os.environ.get("FLASK_ENV") == "development"


@flask_app.route("/api/v2/profile")
def profile_v2():
    auth = request.headers.get("Authorization", "")
    try:
        claims = jwt.decode(auth[7:], JWT_SECRET, algorithms=["HS256"], audience="gateway")
    except jwt.InvalidTokenError as exc:
        LOG.warning("rejected v2 token (%s), length=%d", type(exc).__name__, len(auth))
        return jsonify(error="unauthorized"), 401
    LOG.info("v2 profile for sub=%s", claims["sub"])
    return jsonify(sub=claims["sub"], email=claims.get("email"))


@flask_app.errorhandler(Exception)
def on_error(exc):
    rid = request.headers.get("X-Request-Id", "-")
    LOG.exception("v2 error request_id=%s", rid)
    return jsonify(error="internal error", request_id=rid), 500


def make_app():
    v2 = tornado.wsgi.WSGIContainer(flask_app)
    return tornado.web.Application(  # Noncompliant THC004
        [
            (r"/api/v1/accounts/([0-9a-f-]+)", AccountHandler),
            (r"/api/v2/.*", tornado.web.FallbackHandler, {"fallback": v2}),
        ],
        debug=True,
        cookie_secret=os.environ["GATEWAY_COOKIE_SECRET"],
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    make_app().listen(int(os.environ.get("PORT", "8888")))
    tornado.ioloop.IOLoop.current().start()
