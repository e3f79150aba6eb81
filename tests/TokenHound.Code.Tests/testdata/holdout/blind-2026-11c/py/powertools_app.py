"""Billing API on API Gateway REST, built with Powertools event handler."""
import json
import os
import traceback

import boto3
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, UnauthorizedError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger(service="billing-api")
tracer = Tracer()
app = APIGatewayRestResolver()
table = boto3.resource("dynamodb").Table(os.environ["INVOICES_TABLE"])


@app.get("/invoices/<invoice_id>")
@tracer.capture_method
def get_invoice(invoice_id: str):
    logger.info("all request headers: %s", app.current_event.headers)  # Noncompliant THC002
    item = table.get_item(Key={"pk": invoice_id}).get("Item")
    if item is None:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return item


@app.post("/invoices/<invoice_id>/pay")
def pay_invoice(invoice_id: str):
    auth = app.current_event.get_header_value("Authorization")
    if not auth:
        raise UnauthorizedError("missing credentials")
    logger.debug("paying %s with auth %s" % (invoice_id, auth))  # Noncompliant THC001
    table.update_item(
        Key={"pk": invoice_id},
        UpdateExpression="SET #s = :paid",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":paid": "PAID"},
    )
    logger.info("payment accepted", extra={"invoice": invoice_id, "auth_len": len(auth)})
    return {"invoice": invoice_id, "status": "PAID"}


@app.get("/invoices")
def list_invoices():
    next_token = app.current_event.get_query_string_value("nextToken")
    kwargs = {"Limit": 25}
    if next_token:
        kwargs["ExclusiveStartKey"] = {"pk": next_token}
    page = table.scan(**kwargs)
    new_token = page.get("LastEvaluatedKey", {}).get("pk")
    logger.info("listing invoices, nextToken=%s", new_token)
    return {"items": page["Items"], "nextToken": new_token}


@app.exception_handler(ValueError)
def handle_value_error(ex: ValueError):
    logger.exception("validation failed")
    return Response(status_code=400, content_type=content_types.APPLICATION_JSON, body=json.dumps({"message": "invalid request"}))


@app.exception_handler(Exception)
def handle_unexpected(ex: Exception):
    return Response(status_code=500, content_type=content_types.APPLICATION_JSON, body=json.dumps({"error": str(ex), "trace": traceback.format_exc()}))  # Noncompliant THC003


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, log_event=True)  # Noncompliant THC002
@tracer.capture_lambda_handler
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    logger.append_keys(request_id=context.aws_request_id)
    return app.resolve(event, context)
