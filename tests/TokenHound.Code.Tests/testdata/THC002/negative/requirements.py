"""Helpers for requirement lines: `req` is a requirement string, not a request."""
import logging
import os

logger = logging.getLogger(__name__)


def deduce_helpful_msg(req: str) -> str:
    if not os.path.exists(req):
        return f" File '{req}' does not exist."
    msg = " The path does exist. "
    try:
        with open(req, encoding="utf-8") as fp:
            fp.readline()
    except OSError:
        logger.debug("Cannot parse '%s' as requirements file", req)
    else:
        msg += f"The argument you provided ({req}) appears to be a requirements file."
    return msg


def on_click(event: "MouseEvent") -> None:
    logger.debug("clicked %s", event)
