# Generates the X-Ray / OTLP samples of the THX rules: segment documents as in the X-Ray segment document
# reference (batch-get-traces output keeps each segment as a JSON string in Traces[].Segments[].Document) and an
# OTLP/JSON export (resourceSpans/scopeSpans/spans). Tokens are fake: random signatures, no real issuer.
import json, os, base64, random
random.seed(11)
BASE = os.path.dirname(os.path.abspath(__file__))
def b64(s): return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")
def rnd(n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"):
    while True:
        s = "".join(random.choice(alphabet) for _ in range(n))
        if not any(all(ord(s[i+k+1]) == ord(s[i+k]) + 1 for k in range(4)) for i in range(len(s) - 4)):
            return s
def jwt(claims): return b64(json.dumps({"alg": "RS256", "kid": rnd(12), "typ": "JWT"}, separators=(",", ":"))) + "." + b64(json.dumps(claims, separators=(",", ":"))) + "." + rnd(86)
J1 = jwt({"sub": "5b7c1e2a-9f3d-4c8e-a1b2-c3d4e5f6a7b8", "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Q3fK7mZpW", "client_id": "4k9q2h7m1n3p5r8s6t0v2w4x6y", "token_use": "access", "scope": "orders/write", "auth_time": 1893452400, "exp": 1893456000, "iat": 1893452400})
J2 = jwt({"sub": "e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b", "iss": "https://login.acme-corp.internal/oauth2", "aud": "orders-api", "exp": 1893459600, "iat": 1893456000})
AK = "AKIAQ3FAKETRACEKEY23"
AK2 = "AKIAQ3FAKEOTELKEY234"
T = "1-6620c1a2-5f3e4d2c1b0a9f8e7d6c5b4a"
seg_a = {
  "name": "checkout-api", "id": "70de5b6f19ff9a0a", "trace_id": T, "start_time": 1713422754.125, "end_time": 1713422754.612,
  "origin": "AWS::Lambda::Function", "resource_arn": "arn:aws:lambda:us-east-1:111122223333:function:checkout-api",
  "http": {"request": {"method": "POST", "url": "https://api.shop.acme-corp.internal/checkout", "client_ip": "203.0.113.44", "user_agent": "Mozilla/5.0"}, "response": {"status": 200, "content_length": 512}},
  "annotations": {"customer_tier": "gold", "order_id": "ord-7731"},
  "metadata": {"default": {"incoming_headers": {"Authorization": "Bearer " + J1, "Content-Type": "application/json"}}},
  "aws": {"account_id": "111122223333", "function_arn": "arn:aws:lambda:us-east-1:111122223333:function:checkout-api", "resource_names": ["checkout-api"]},
  "subsegments": [
    {"id": "53995c3f42cd8ad8", "name": "payments.acme-corp.internal", "start_time": 1713422754.201, "end_time": 1713422754.544, "namespace": "remote",
     "http": {"request": {"method": "POST", "url": "https://payments.acme-corp.internal/charge", "traced": True}, "response": {"status": 201}},
     "metadata": {"default": {"outgoing_headers": {"authorization": "Bearer " + J1}}}},
    {"id": "2b8c1d7e6f5a4b3c", "name": "DynamoDB", "start_time": 1713422754.550, "end_time": 1713422754.590, "namespace": "aws",
     "aws": {"operation": "PutItem", "region": "us-east-1", "request_id": "UBQNSO5AEM8T4FDA4RQDEB94OVTDRVV4K4HIRGVJF66Q9ASUAAJG", "table_name": "orders", "retries": 0},
     "http": {"response": {"status": 200, "content_length": 2}}},
  ],
}
seg_b = {
  "name": "payments-service", "id": "1c4f2e8d9a7b6c5d", "trace_id": T, "parent_id": "53995c3f42cd8ad8", "start_time": 1713422754.236, "end_time": 1713422754.530,
  "origin": "AWS::ECS::Container",
  "http": {"request": {"method": "POST", "url": "https://payments.acme-corp.internal/charge", "client_ip": "10.0.3.17", "x_forwarded_for": True}, "response": {"status": 201}},
  "annotations": {"caller": "checkout-api", "forwarded_token": J1},
  "metadata": {"startup": {"aws_access_key_id": AK}},
  "subsegments": [
    {"id": "3d5e7f9a1b2c4d6e", "name": "payments-db", "start_time": 1713422754.300, "end_time": 1713422754.420, "namespace": "remote",
     "sql": {"url": "jdbc:postgresql://payments-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com:5432/payments", "database_type": "PostgreSQL", "database_version": "15.4", "driver_version": "PostgreSQL JDBC Driver 42.7.1", "user": "payments_app", "sanitized_query": "INSERT INTO charges (order_id, amount) VALUES (?, ?)", "preparation": "prepared"}},
  ],
}
batch = {"Traces": [{"Id": T, "Duration": 0.487, "LimitExceeded": False, "Segments": [
    {"Id": seg_a["id"], "Document": json.dumps(seg_a, separators=(",", ":"))},
    {"Id": seg_b["id"], "Document": json.dumps(seg_b, separators=(",", ":"))}]}], "UnprocessedTraceIds": []}
for rule in ("THX001", "THX002"):
    with open(os.path.join(BASE, rule, "positive", "xray-batch-get-traces.json"), "w") as f:
        json.dump(batch, f, indent=4); f.write("\n")

def attr(k, v):
    if isinstance(v, list): return {"key": k, "value": {"arrayValue": {"values": [{"stringValue": x} for x in v]}}}
    if isinstance(v, int): return {"key": k, "value": {"intValue": str(v)}}
    return {"key": k, "value": {"stringValue": v}}
TID = "5b8efff798038103d269b633813fc60c"
otlp = {"resourceSpans": [
  {"resource": {"attributes": [attr("service.name", "storefront"), attr("service.version", "2.4.1"), attr("cloud.provider", "aws"), attr("cloud.platform", "aws_ecs")]},
   "scopeSpans": [{"scope": {"name": "io.opentelemetry.okhttp-3.0", "version": "2.3.0-alpha"}, "spans": [
     {"traceId": TID, "spanId": "eee19b7ec3c1b174", "parentSpanId": "", "name": "GET /orders", "kind": 3,
      "startTimeUnixNano": "1713422760000000000", "endTimeUnixNano": "1713422760120000000",
      "attributes": [attr("http.request.method", "GET"), attr("url.full", "https://orders.acme-corp.internal/orders?limit=20"), attr("http.request.header.authorization", ["Bearer " + J2]), attr("http.response.status_code", 200)],
      "status": {}}]}]},
  {"resource": {"attributes": [attr("service.name", "orders"), attr("telemetry.sdk.language", "python")]},
   "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.flask", "version": "0.45b0"}, "spans": [
     {"traceId": TID, "spanId": "0f1e2d3c4b5a6978", "parentSpanId": "eee19b7ec3c1b174", "name": "GET /orders", "kind": 2,
      "startTimeUnixNano": "1713422760015000000", "endTimeUnixNano": "1713422760110000000",
      "attributes": [attr("http.request.method", "GET"), attr("url.path", "/orders"), attr("http.request.header.authorization", ["Bearer " + J2])],
      "events": [{"timeUnixNano": "1713422760090000000", "name": "exception", "attributes": [attr("exception.type", "botocore.exceptions.ClientError"), attr("exception.message", f"AccessDenied for key {AK2} on dynamodb:Query")]}],
      "status": {"code": 2, "message": "AccessDenied"}}]}]}]}
for rule in ("THX001", "THX002"):
    with open(os.path.join(BASE, rule, "positive", "otlp-export.json"), "w") as f:
        json.dump(otlp, f, indent=2); f.write("\n")

clean = dict(seg_a); clean = json.loads(json.dumps(seg_a))
clean["metadata"]["default"]["incoming_headers"]["Authorization"] = "Bearer [REDACTED]"
clean["subsegments"][0]["metadata"]["default"]["outgoing_headers"]["authorization"] = "Bearer ***"
clean["annotations"]["role_id"] = "AROAQ3FAKEROLEID7ABC"
clean["annotations"]["token_hint"] = J1[:40] + "…"
with open(os.path.join(BASE, "THX001", "negative", "xray-segment-redacted.json"), "w") as f:
    f.write('{"format": "json", "version": 1}\n' + json.dumps(clean, separators=(",", ":")) + "\n")
otlp_clean = json.loads(json.dumps(otlp))
for rs in otlp_clean["resourceSpans"]:
    for sp in rs["scopeSpans"][0]["spans"]:
        sp["attributes"] = [a for a in sp["attributes"] if a["key"] != "http.request.header.authorization"] + [attr("http.request.header.authorization", ["[REDACTED]"])]
        for ev in sp.get("events", []):
            ev["attributes"] = [attr("exception.type", "botocore.exceptions.ClientError"), attr("exception.message", "AccessDenied for key AKIAIOSFODNN7EXAMPLE on dynamodb:Query")]
with open(os.path.join(BASE, "THX002", "negative", "otlp-export-redacted.json"), "w") as f:
    json.dump(otlp_clean, f, indent=2); f.write("\n")
# A token in one service only: a THX001 finding, not a crossing.
one = {"Traces": [{"Id": T, "Duration": 0.1, "LimitExceeded": False, "Segments": [{"Id": seg_b["id"], "Document": json.dumps(json.loads(json.dumps(seg_b)) | {"metadata": {}}, separators=(",", ":"))}]}], "UnprocessedTraceIds": []}
with open(os.path.join(BASE, "THX002", "negative", "xray-one-service.json"), "w") as f:
    json.dump(one, f, indent=4); f.write("\n")
print(J1[:20], J2[:20])
