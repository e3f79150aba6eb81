"""Tornado app whose debug mode follows the environment (off unless a developer turns it on)."""
import os

import tornado.web


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("pong")


def make_app():
    debug = os.environ.get("TORNADO_DEBUG", "0") == "1"
    return tornado.web.Application([(r"/ping", PingHandler)], debug=debug, serve_traceback=False)


def make_dev_app():
    if os.environ.get("APP_ENV") == "development":
        return tornado.web.Application([(r"/ping", PingHandler)], debug=True)
    return make_app()
