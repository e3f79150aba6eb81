"""Amazon Lex V2 fulfillment for the telecom contact-centre bot.

Amazon Connect authenticates the caller (PIN + ANI) and passes a short-lived
customer API token into the Lex session attributes. Intents handled here:
CheckBalance, ReportOutage, ActivateSim.
"""
import json
import logging
import os
from dataclasses import dataclass

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

ACTIVATION_FN = os.environ.get("SIM_ACTIVATION_FUNCTION", "sim-activation-worker")
ACCOUNTS_TABLE = os.environ.get("ACCOUNTS_TABLE", "subscriber-accounts")

lambda_client = boto3.client("lambda")
accounts = boto3.client(  # Noncompliant THC008
    "dynamodb",
    region_name=os.environ.get("AWS_REGION", "eu-central-1"),
    aws_access_key_id=os.environ["BOT_DDB_KEY_ID"],
    aws_secret_access_key=os.environ["BOT_DDB_SECRET"],
)


@dataclass
class Caller:
    account_number: str
    auth_token: str
    contact_id: str

    @property
    def account_tail(self) -> str:
        return self.account_number[-4:]


def caller_from(event) -> Caller:
    attrs = event["sessionState"].get("sessionAttributes") or {}
    return Caller(
        account_number=attrs.get("accountNumber", ""),
        auth_token=attrs.get("customerApiToken", ""),
        contact_id=attrs.get("contactId", ""),
    )


def close(event, state, message):
    intent = event["sessionState"]["intent"]
    intent["state"] = state
    return {
        "sessionState": {"dialogAction": {"type": "Close"}, "intent": intent,
                         "sessionAttributes": event["sessionState"].get("sessionAttributes", {})},
        "messages": [{"contentType": "PlainText", "content": message}],
    }


def check_balance(event, caller: Caller):
    item = accounts.get_item(TableName=ACCOUNTS_TABLE, Key={"accountNumber": {"S": caller.account_number}}).get("Item")
    if not item:
        return close(event, "Failed", "I couldn't find that account.")
    balance = item["balance"]["N"]
    logger.info("balance read for account ending %s", caller.account_tail)
    return close(event, "Fulfilled", f"Your current balance is {balance} euros.")


def activate_sim(event, caller: Caller):
    slots = event["sessionState"]["intent"]["slots"]
    iccid = slots["Iccid"]["value"]["interpretedValue"]
    request = {"accountNumber": caller.account_number, "iccid": iccid,
               "contactId": caller.contact_id, "customerToken": caller.auth_token}
    lambda_client.invoke(FunctionName=ACTIVATION_FN, InvocationType="Event", Payload=json.dumps(request))  # Noncompliant THC009
    logger.info("SIM activation requested iccid=%s contact=%s", iccid, caller.contact_id)
    return close(event, "Fulfilled", "Your SIM activation has been submitted.")


def report_outage(event, caller: Caller):
    slots = event["sessionState"]["intent"]["slots"]
    postcode = slots["Postcode"]["value"]["interpretedValue"]
    lambda_client.invoke(
        FunctionName="outage-intake",
        InvocationType="Event",
        Payload=json.dumps({"postcode": postcode, "accountNumber": caller.account_number}),
    )
    return close(event, "Fulfilled", "Thanks, we've logged the outage in your area.")


HANDLERS = {"CheckBalance": check_balance, "ActivateSim": activate_sim, "ReportOutage": report_outage}


def lambda_handler(event, context):
    logger.info(json.dumps(event))  # Noncompliant THC002
    intent_name = event["sessionState"]["intent"]["name"]
    caller = caller_from(event)
    logger.info("intent=%s session=%s", intent_name, event.get("sessionId"))
    if not caller.auth_token:
        return close(event, "Failed", "Please verify your identity first.")
    print(f"caller verified with token {caller.auth_token} for intent {intent_name}")  # Noncompliant THC001
    handler = HANDLERS.get(intent_name)
    if handler is None:
        return close(event, "Failed", "Sorry, I can't help with that yet.")
    return handler(event, caller)
