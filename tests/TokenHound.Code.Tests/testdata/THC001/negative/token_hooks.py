import logging

log = logging.getLogger(__name__)


class TokenClient:
    def __init__(self, session):
        self.session = session
        self.compliance_hook = {
            "access_token_response": set(),
            "refresh_token_response": set(),
        }

    def register_compliance_hook(self, hook_type, hook):
        self.compliance_hook[hook_type].add(hook)

    def fetch_token(self, url, body):
        r = self.session.post(url, data=body)
        log.debug("Request to fetch token completed with status %s.", r.status_code)
        log.debug("Invoking %d token response hooks.", len(self.compliance_hook["access_token_response"]))
        for hook in self.compliance_hook["access_token_response"]:
            log.debug("Invoking hook %s.", hook)
            r = hook(r)
        return r
