# Chalice app: the request object comes from app.current_request.
from chalice import Chalice

app = Chalice(app_name="orders")


@app.route("/orders", methods=["PUT"])
def put_order():
    req = app.current_request
    app.log.debug("put_item headers: %s", req.headers)  # Noncompliant
    app.log.info("put_item path %s", req.context.get("path"))
    return {"ok": True}
