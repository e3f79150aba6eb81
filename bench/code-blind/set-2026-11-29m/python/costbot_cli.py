"""costbot: weekly AWS cost report for each team, posted to Microsoft Teams.

Runs from a scheduled CI job (no instance profile there) or from a laptop
with an SSO profile.
"""
import datetime as dt
import json
import logging
import os
import pathlib

import boto3
import click
import requests

CONFIG_PATH = pathlib.Path.home() / ".config" / "costbot" / "config.json"
log = logging.getLogger("costbot")


def load_config(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def mask(value):
    if not value or len(value) < 8:
        return "<unset>"
    return f"{value[:4]}…{value[-2:]}"


def cost_by_team(ce, days):
    end = dt.date.today()
    start = end - dt.timedelta(days=days)
    out = ce.get_cost_and_usage(
        TimePeriod={"Start": start.isoformat(), "End": end.isoformat()},
        Granularity="DAILY",
        Metrics=["UnblendedCost"],
        GroupBy=[{"Type": "TAG", "Key": "team"}],
    )
    totals = {}
    for day in out["ResultsByTime"]:
        for group in day["Groups"]:
            team = group["Keys"][0].split("$", 1)[-1] or "untagged"
            totals[team] = totals.get(team, 0.0) + float(group["Metrics"]["UnblendedCost"]["Amount"])
    return totals


@click.group()
@click.option("--config", "config_path", default=str(CONFIG_PATH), show_default=True)
@click.option("--profile", default=None, help="AWS SSO profile to use instead of the CI keys")
@click.option("--verbose", is_flag=True)
@click.pass_context
def cli(ctx, config_path, profile, verbose):
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO)
    cfg = load_config(config_path)
    if profile:
        cfg["session"] = boto3.Session(profile_name=profile)
    else:
        # CI runners have no instance profile; export the report user's keys for boto3
        os.environ.update(AWS_ACCESS_KEY_ID=cfg["aws_access_key_id"], AWS_SECRET_ACCESS_KEY=cfg["aws_secret_access_key"])  # Noncompliant THC008
        cfg["session"] = boto3.Session()
    log.debug("using access key id ending %s", cfg.get("aws_access_key_id", "")[-4:])
    ctx.obj = cfg


@cli.command()
@click.option("--days", default=7, show_default=True)
@click.option("--dry-run", is_flag=True)
@click.pass_obj
def report(cfg, days, dry_run):
    totals = cost_by_team(cfg["session"].client("ce", region_name="us-east-1"), days)

    api_key = cfg["finops_api_key"]
    log.debug("using FinOps API key %s", api_key)  # Noncompliant THC001
    click.echo(f"FinOps key: {mask(api_key)}")
    budgets = requests.get(f"{cfg['finops_url']}/v2/budgets?period={days}d&api_key={api_key}", timeout=10).json()  # Noncompliant THC009

    facts = []
    for team, amount in sorted(totals.items(), key=lambda kv: -kv[1]):
        budget = budgets.get(team, {}).get("amount")
        flag = " ⚠️" if budget and amount > budget else ""
        facts.append({"name": team, "value": f"${amount:,.2f}" + (f" / ${budget:,.0f}" if budget else "") + flag})

    card = {"@type": "MessageCard", "summary": "AWS cost report", "title": f"AWS cost, last {days} days",
            "sections": [{"facts": facts}]}
    if dry_run:
        click.echo(json.dumps(card, indent=2))
        return
    resp = requests.post(cfg["teams_webhook_url"], json=card, timeout=10)
    resp.raise_for_status()
    log.info("posted report with %d teams", len(facts))


@cli.command()
@click.pass_obj
def whoami(cfg):
    ident = cfg["session"].client("sts").get_caller_identity()
    click.echo(f"account={ident['Account']} arn={ident['Arn']}")


if __name__ == "__main__":
    cli()
