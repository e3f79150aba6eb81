"""Partner sync API on Chalice."""
import json

from chalice import Chalice

app = Chalice(app_name="partner-sync")


@app.route("/sync", methods=["POST"])
def sync_orders():
    req = app.current_request
    app.log.debug("sync request: %s", json.dumps(req.to_dict()))  # Noncompliant
    body = req.json_body or {}
    return {"accepted": len(body.get("orders", []))}
