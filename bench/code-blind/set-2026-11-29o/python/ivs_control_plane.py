"""Broadcaster control plane for the live arena streams (Amazon IVS), served with Flask."""
import logging
import os
import secrets
import traceback
import uuid
from functools import wraps

import boto3
from botocore.exceptions import ClientError
from flask import Flask, g, jsonify, make_response, request

app = Flask(__name__)
app.config["JSON_SORT_KEYS"] = False

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
logger = logging.getLogger("ivs-control")

ivs = boto3.client("ivs", region_name=os.environ.get("AWS_REGION", "us-west-2"))
sessions = boto3.resource("dynamodb").Table(os.environ.get("SESSIONS_TABLE", "broadcaster-sessions"))
SESSION_HOURS = 8


def require_broadcaster(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        sid = request.cookies.get("ivs_session")
        item = sessions.get_item(Key={"sid": sid}).get("Item") if sid else None
        if not item:
            return jsonify(error="not signed in"), 401
        g.broadcaster = item["broadcasterId"]
        return view(*args, **kwargs)

    return wrapper


@app.post("/sessions")
def create_session():
    # upstream ALB has already authenticated the broadcaster via OIDC
    broadcaster_id = request.headers["x-amzn-oidc-identity"]
    session_token = secrets.token_urlsafe(32)
    refresh_token = secrets.token_urlsafe(48)
    sessions.put_item(Item={"sid": session_token, "refresh": refresh_token, "broadcasterId": broadcaster_id})
    resp = make_response(jsonify(ok=True), 201)
    resp.set_cookie("ivs_session", session_token, max_age=SESSION_HOURS * 3600)  # Noncompliant THC007
    resp.set_cookie("ivs_refresh", refresh_token, max_age=30 * 86400, secure=True, httponly=True, samesite="Strict")
    logger.info("session opened for broadcaster %s", broadcaster_id)
    return resp


@app.post("/channels")
@require_broadcaster
def create_channel():
    name = (request.get_json(silent=True) or {}).get("name", f"arena-{g.broadcaster}")
    try:
        out = ivs.create_channel(name=name, latencyMode="LOW", type="STANDARD", tags={"broadcaster": g.broadcaster})
    except ClientError as exc:
        ref = str(uuid.uuid4())
        logger.warning("create_channel failed ref=%s code=%s", ref, exc.response["Error"]["Code"])
        return jsonify(error="could not create channel", reference=ref), 502
    channel, stream_key = out["channel"], out["streamKey"]
    logger.info("channel %s created with stream key %s", channel["arn"], stream_key["arn"])
    return jsonify(
        channelArn=channel["arn"],
        ingestEndpoint=channel["ingestEndpoint"],
        playbackUrl=channel["playbackUrl"],
        streamKey=stream_key["value"],
    ), 201


@app.post("/channels/<path:channel_arn>/rotate-key")
@require_broadcaster
def rotate_key(channel_arn):
    try:
        for key in ivs.list_stream_keys(channelArn=channel_arn)["streamKeys"]:
            ivs.delete_stream_key(arn=key["arn"])
        new_key = ivs.create_stream_key(channelArn=channel_arn)["streamKey"]
        value = new_key["value"]
        logger.info("rotated stream key for %s -> %s", channel_arn, value)  # Noncompliant THC001
        return jsonify(streamKeyArn=new_key["arn"], streamKey=value)
    except ClientError:
        return jsonify(error="rotation failed", trace=traceback.format_exc()), 500  # Noncompliant THC003


@app.get("/channels/<path:channel_arn>")
@require_broadcaster
def channel_status(channel_arn):
    try:
        stream = ivs.get_stream(channelArn=channel_arn)["stream"]
        return jsonify(state=stream["state"], health=stream["health"], viewers=stream.get("viewerCount", 0))
    except ivs.exceptions.ChannelNotBroadcasting:
        return jsonify(state="OFFLINE")


if __name__ == "__main__":
    app.run(
        host="0.0.0.0",
        port=int(os.environ.get("PORT", "8080")),
        debug=os.environ.get("FLASK_ENV") == "development",
    )
