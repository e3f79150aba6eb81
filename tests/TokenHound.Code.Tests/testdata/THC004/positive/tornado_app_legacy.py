"""Edge gateway: the Tornado app that still serves /api/v1."""
import os

import tornado.ioloop
import tornado.web


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"ok": True})


def make_app():
    return tornado.web.Application(  # Noncompliant THC004
        [(r"/health", HealthHandler)],
        debug=True,
        cookie_secret=os.environ["GATEWAY_COOKIE_SECRET"],
    )


def make_admin_app():
    return tornado.web.Application([(r"/health", HealthHandler)], serve_traceback=True)  # Noncompliant THC004


def make_local_app():
    if os.environ.get("APP_ENV") == "development":
        return tornado.web.Application([(r"/health", HealthHandler)], debug=True)
    return tornado.web.Application([(r"/health", HealthHandler)], debug=False)


if __name__ == "__main__":
    make_app().listen(int(os.environ.get("PORT", "8888")))
    tornado.ioloop.IOLoop.current().start()
