"""Partner sync API on Chalice: only the method, path and request id are logged."""
from chalice import Chalice

app = Chalice(app_name="partner-sync")


@app.route("/sync", methods=["POST"])
def sync_orders():
    req = app.current_request
    app.log.debug("sync request: %s %s (%s)", req.method, req.path, req.context.get("requestId"))
    body = req.json_body or {}
    return {"accepted": len(body.get("orders", []))}
