# Powertools event handler, a Pyramid view and the Powertools logger decorator that log every header.
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from pyramid.view import view_config

logger = Logger()
app = APIGatewayRestResolver()


@app.get("/invoices/<invoice_id>")
def get_invoice(invoice_id: str):
    logger.info("all request headers: %s", app.current_event.headers)  # Noncompliant
    logger.info("request path %s", app.current_event.path)
    return {"id": invoice_id}


class DebugViews:
    def __init__(self, request):
        self.request = request

    @view_config(route_name="debug_headers")
    def debug_headers(self):
        logger.warning("headers: %r", dict(self.request.headers))  # Noncompliant
        return {"ok": True}


@logger.inject_lambda_context(log_event=True)  # Noncompliant
def handler(event, context):
    return app.resolve(event, context)
