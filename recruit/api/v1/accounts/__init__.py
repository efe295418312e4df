"""Accounts: getting a token (log in with a device name), the member's tokens and profile
(``tokens``); account settings, the data archive and deleting the account (``data``); the password,
the e-mail address and the work e-mail (``credentials``)."""
from . import credentials, data, tokens

PUBLIC_BLUEPRINTS = (tokens.public,)
BLUEPRINTS = (tokens.blp, data.blp, credentials.blp)
