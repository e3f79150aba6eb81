"""Opens warehouse connections for the reporting jobs (settings come from the job's YAML file)."""
import logging

import psycopg2

log = logging.getLogger(__name__)


def connect(**settings):
    log.debug("connecting with %s", settings)  # Noncompliant
    return psycopg2.connect(
        host=settings["host"],
        dbname=settings.get("dbname", "reports"),
        user=settings["user"],
        password=settings["password"],
    )


def connect_readonly(**settings):
    options = dict(settings)
    password = options.pop("password", None)
    log.debug("connecting read-only with %s", options)
    return psycopg2.connect(password=password, **options)

