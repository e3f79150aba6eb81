"""Custom identity provider for the supplier EDI SFTP endpoint (AWS Transfer Family).

Suppliers upload ASN/INVOIC files over SFTP. Transfer Family calls this Lambda with
username, password, serverId and sourceIp; we answer with a role and a logical home directory.
"""

import hashlib
import hmac
import json
import os

import boto3
import structlog

structlog.configure(processors=[structlog.processors.TimeStamper(fmt="iso"), structlog.processors.JSONRenderer()])
log = structlog.get_logger("edi-idp")

SECRET_PREFIX = os.environ.get("SUPPLIER_SECRET_PREFIX", "transfer/suppliers/")
EDI_BUCKET = os.environ.get("EDI_BUCKET", "supplier-edi-inbound")
SUPPLIER_ROLE_ARN = os.environ["SUPPLIER_ROLE_ARN"]
LEGACY_BRIDGE = json.loads(os.environ.get("LEGACY_EDI_BRIDGE", "{}"))

secrets = boto3.client("secretsmanager")
events = boto3.client("events")

if LEGACY_BRIDGE.get("enabled"):
    # The old VAN gateway library only reads credentials from the environment.
    os.environ.update({"AWS_ACCESS_KEY_ID": LEGACY_BRIDGE["key_id"], "AWS_SECRET_ACCESS_KEY": LEGACY_BRIDGE["secret"]})  # Noncompliant THC008


def supplier_record(username):
    secret_id = f"{SECRET_PREFIX}{username}"
    log.info("loading supplier record", secret_id=secret_id)
    try:
        raw = secrets.get_secret_value(SecretId=secret_id)["SecretString"]
    except secrets.exceptions.ResourceNotFoundException:
        return None
    return json.loads(raw)


def password_matches(record, password):
    salt = bytes.fromhex(record["salt"])
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 210_000).hex()
    return hmac.compare_digest(digest, record["password_hash"])


def home_mapping(username):
    return json.dumps([{"Entry": "/", "Target": f"/{EDI_BUCKET}/inbound/{username}"}])


def notify_bridge(username, record):
    detail = {
        "supplier": username,
        "gln": record.get("gln"),
        "vanMailbox": record.get("van_mailbox"),
        "vanPassword": record.get("van_password"),
    }
    events.put_events(Entries=[{"Source": "edi.idp", "DetailType": "SupplierLoggedIn", "Detail": json.dumps(detail)}])  # Noncompliant THC009


def handler(event, context):
    print("transfer auth request:", json.dumps(event))  # Noncompliant THC002

    username = event.get("username", "")
    password = event.get("password", "")
    server_id = event.get("serverId")
    source_ip = event.get("sourceIp")
    log.info("auth attempt", username=username, server_id=server_id, source_ip=source_ip, protocol=event.get("protocol"))

    record = supplier_record(username)
    if record is None:
        log.warning("unknown supplier", username=username)
        return {}

    if not password:
        log.info("key-based login", username=username, keys=len(record.get("ssh_keys", [])))
        return {
            "Role": SUPPLIER_ROLE_ARN,
            "PublicKeys": record.get("ssh_keys", []),
            "HomeDirectoryType": "LOGICAL",
            "HomeDirectoryDetails": home_mapping(username),
        }

    if not password_matches(record, password):
        log.warning("password rejected", username=username, attempted=password, source_ip=source_ip)  # Noncompliant THC001
        return {}

    if record.get("van_mailbox"):
        notify_bridge(username, record)

    log.info("supplier authenticated", username=username, home=f"/{EDI_BUCKET}/inbound/{username}")
    return {
        "Role": SUPPLIER_ROLE_ARN,
        "HomeDirectoryType": "LOGICAL",
        "HomeDirectoryDetails": home_mapping(username),
    }
