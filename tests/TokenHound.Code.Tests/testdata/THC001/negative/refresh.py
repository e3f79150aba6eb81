import logging

_LOGGER = logging.getLogger(__name__)


class AuthorizedSession:
    """Counters and settings about a credential are not the credential."""

    def __init__(self, credentials, max_refresh_attempts=2, refresh_interval=300):
        self.credentials = credentials
        self._max_refresh_attempts = max_refresh_attempts
        self._token_refresh_interval = refresh_interval

    def request(self, method, url, _credential_refresh_attempt=0, **kwargs):
        response = self._send(method, url, **kwargs)
        if response.status_code == 401 and _credential_refresh_attempt < self._max_refresh_attempts:
            _LOGGER.info(
                "Refreshing credentials due to a %s response. Attempt %s/%s.",
                response.status_code,
                _credential_refresh_attempt + 1,
                self._max_refresh_attempts,
            )
            _LOGGER.debug("next refresh in %ss", self._token_refresh_interval)
            self.credentials.refresh(self._request)
            return self.request(method, url, _credential_refresh_attempt=_credential_refresh_attempt + 1, **kwargs)
        return response

    def paginate(self, operation, starting_token=None):
        _LOGGER.debug("Starting pagination at token %s", starting_token)
        return operation(StartingToken=starting_token)
