def handler(event, context):
    # Only clients granted the orders/admin scope reach this function.
    return {"statusCode": 204}
