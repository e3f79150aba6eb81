"""A small error middleware with a debug page, shown only when the app runs with debug=True."""
import traceback


class PlainTextResponse:
    def __init__(self, content, status_code=200):
        self.content = content
        self.status_code = status_code


class ErrorMiddleware:
    def __init__(self, app, debug=False):
        self.app = app
        self.debug = debug

    def render_plain_trace(self, exc):
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

    def debug_response(self, request, exc):
        content = self.render_plain_trace(exc)
        return PlainTextResponse(content, status_code=500)

    def error_response(self, request, exc):
        return PlainTextResponse("Internal Server Error", status_code=500)

    def handle(self, request, exc):
        if self.debug:
            return self.debug_response(request, exc)
        return self.error_response(request, exc)
