"""Dash dashboard: partner usage of shared datasets (Databricks SQL + partner API)."""
import functools
import hashlib
import logging
import os

import boto3
import jwt
import pandas as pd
import requests
from dash import Dash, Input, Output, dash_table, dcc, html
from databricks import sql
from flask import request

logging.basicConfig(level=logging.INFO)
log = logging.getLogger("partner_dashboard")

DATABRICKS_HOST = os.environ["DATABRICKS_HOST"]
DATABRICKS_HTTP_PATH = os.environ["DATABRICKS_HTTP_PATH"]
PARTNER_API = "https://partner-data.example.net/api/v2"
REPORT_BUCKET = "acme-partner-reports"
ALB_PUBLIC_KEY = os.environ["ALB_OIDC_PUBLIC_KEY"]


@functools.lru_cache(maxsize=1)
def report_session():
    return boto3.Session(  # Noncompliant THC008
        aws_access_key_id=os.environ["DASHBOARD_AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["DASHBOARD_AWS_SECRET_ACCESS_KEY"],
        region_name="us-west-2",
    )


@functools.lru_cache(maxsize=4)
def ssm_value(name: str) -> str:
    ssm = boto3.client("ssm")
    return ssm.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]


def databricks_token() -> str:
    token = ssm_value("/dashboards/databricks/pat")
    log.info("databricks PAT sha256=%s", hashlib.sha256(token.encode()).hexdigest()[:10])
    print(f"using databricks token {token}")  # Noncompliant THC001
    return token


def caller_claims() -> dict:
    oidc_data = request.headers.get("x-amzn-oidc-data", "")
    return jwt.decode(oidc_data, key=ALB_PUBLIC_KEY, algorithms=["ES256"], options={"verify_aud": False})  # Noncompliant THC006


def fetch_partner_usage(partner_id: str, month: str) -> pd.DataFrame:
    partner_token = ssm_value(f"/dashboards/partners/{partner_id}/token")
    resp = requests.get(f"{PARTNER_API}/usage?month={month}&access_token={partner_token}", timeout=15)  # Noncompliant THC009
    resp.raise_for_status()
    log.info("partner %s usage rows=%d token=...%s", partner_id, len(resp.json()["rows"]), partner_token[-4:])
    return pd.DataFrame(resp.json()["rows"])


def warehouse_usage(partner_id: str, month: str) -> pd.DataFrame:
    with sql.connect(server_hostname=DATABRICKS_HOST, http_path=DATABRICKS_HTTP_PATH, access_token=databricks_token()) as conn:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT dataset, SUM(bytes_scanned) AS bytes FROM usage.partner_queries "
                "WHERE partner_id = :pid AND month = :month GROUP BY dataset",
                {"pid": partner_id, "month": month},
            )
            return pd.DataFrame(cur.fetchall(), columns=["dataset", "bytes"])


app = Dash(__name__, title="Partner usage")
app.layout = html.Div([
    html.H2("Partner dataset usage"),
    dcc.Dropdown(id="partner", options=["northwind", "contoso", "fabrikam"], value="northwind"),
    dcc.Input(id="month", type="text", value="2026-10"),
    dash_table.DataTable(id="usage"),
])


@app.callback(Output("usage", "data"), Input("partner", "value"), Input("month", "value"))
def refresh(partner_id, month):
    claims = caller_claims()
    if partner_id not in claims.get("custom:partners", "").split(","):
        log.warning("user %s denied partner %s", claims.get("sub"), partner_id)
        return []
    merged = warehouse_usage(partner_id, month).merge(fetch_partner_usage(partner_id, month), on="dataset", how="outer")
    report_session().client("s3").put_object(Bucket=REPORT_BUCKET, Key=f"{partner_id}/{month}.csv", Body=merged.to_csv(index=False))
    return merged.to_dict("records")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8050, debug=True)  # Noncompliant THC004
