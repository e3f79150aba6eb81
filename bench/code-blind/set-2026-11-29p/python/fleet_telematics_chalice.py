"""Fleet telematics ingestion (Chalice app).

Vehicle gateways put GPS/CAN-bus frames on a Kinesis stream. This app decodes them, writes
positions to Timestream and raises harsh-braking alerts to the fleet-safety SNS topic.
"""

import base64
import json
import logging
import os
from datetime import datetime, timezone

import boto3
from chalice import Chalice

app = Chalice(app_name="fleet-telematics")
app.log.setLevel(logging.INFO)

STREAM_NAME = os.environ.get("TELEMATICS_STREAM", "fleet-telematics-frames")
ALERT_TOPIC_ARN = os.environ["SAFETY_ALERT_TOPIC_ARN"]
VENDOR_KEY_PARAM = os.environ.get("VENDOR_KEY_PARAM", "/fleet/telematics/vendor-api-key")
TIMESTREAM_DB = os.environ.get("TIMESTREAM_DB", "fleet")

ssm = boto3.client("ssm")
sns = boto3.client("sns")
# Timestream is only enabled in the analytics account; static keys until the role trust is fixed.
timestream = boto3.client(  # Noncompliant THC008
    "timestream-write",
    region_name="eu-west-1",
    aws_access_key_id=os.environ["ANALYTICS_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["ANALYTICS_SECRET_ACCESS_KEY"],
)

HARSH_BRAKE_MS2 = -6.5
_vendor_key = None


def vendor_api_key():
    global _vendor_key
    if _vendor_key is None:
        app.log.info("reading vendor key from %s", VENDOR_KEY_PARAM)
        resp = ssm.get_parameter(Name=VENDOR_KEY_PARAM, WithDecryption=True)
        _vendor_key = resp["Parameter"]["Value"]
        app.log.debug("vendor key loaded: %s", _vendor_key)  # Noncompliant THC001
    return _vendor_key


def decode_frame(data):
    frame = json.loads(base64.b64decode(data))
    return {
        "vin": frame["vin"],
        "ts": frame.get("ts") or datetime.now(timezone.utc).isoformat(),
        "lat": float(frame["lat"]),
        "lon": float(frame["lon"]),
        "speed_kmh": float(frame.get("spd", 0)),
        "accel_ms2": float(frame.get("ax", 0)),
    }


def to_timestream_record(frame):
    millis = str(int(datetime.fromisoformat(frame["ts"].replace("Z", "+00:00")).timestamp() * 1000))
    return {
        "Dimensions": [{"Name": "vin", "Value": frame["vin"]}],
        "MeasureName": "position",
        "MeasureValueType": "MULTI",
        "MeasureValues": [
            {"Name": "lat", "Value": str(frame["lat"]), "Type": "DOUBLE"},
            {"Name": "lon", "Value": str(frame["lon"]), "Type": "DOUBLE"},
            {"Name": "speed_kmh", "Value": str(frame["speed_kmh"]), "Type": "DOUBLE"},
        ],
        "Time": millis,
    }


def raise_alert(frame):
    vendor_token = vendor_api_key()
    message = {
        "vin": frame["vin"],
        "event": "HARSH_BRAKING",
        "accel_ms2": frame["accel_ms2"],
        "at": frame["ts"],
        "video_clip_auth": vendor_token,
    }
    sns.publish(TopicArn=ALERT_TOPIC_ARN, Subject="Harsh braking", Message=json.dumps(message))  # Noncompliant THC009


@app.on_kinesis_record(stream=STREAM_NAME, batch_size=200, starting_position="LATEST")
def ingest(event):
    records, alerts, skipped = [], 0, 0
    for record in event:
        try:
            frame = decode_frame(record.data)
        except (ValueError, KeyError):
            skipped += 1
            app.log.warning("skipping malformed frame seq=%s", record.sequence_number)
            continue
        records.append(to_timestream_record(frame))
        if frame["accel_ms2"] <= HARSH_BRAKE_MS2:
            raise_alert(frame)
            alerts += 1

    for i in range(0, len(records), 100):
        timestream.write_records(DatabaseName=TIMESTREAM_DB, TableName="positions", Records=records[i:i + 100])

    app.log.info("ingested %d frames, %d alerts, %d skipped", len(records), alerts, skipped)
    sns.publish(
        TopicArn=ALERT_TOPIC_ARN,
        Subject="telematics batch summary",
        Message=json.dumps({"frames": len(records), "alerts": alerts, "stream": STREAM_NAME}),
    )
