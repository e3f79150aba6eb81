"""Tornado handlers of the v1 API (still served next to the Flask v2 app)."""
import logging
import traceback

import tornado.web

LOG = logging.getLogger("v1")


class BaseHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        self.set_header("Content-Type", "text/plain")
        if "exc_info" in kwargs:
            self.write("".join(traceback.format_exception(*kwargs["exc_info"])))  # Noncompliant THC003
        else:
            self.write(self._reason)
        self.finish()


class QuietHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        if "exc_info" in kwargs:
            LOG.error("v1 error: %s", "".join(traceback.format_exception(*kwargs["exc_info"])))
        self.finish({"error": self._reason, "status": status_code})
