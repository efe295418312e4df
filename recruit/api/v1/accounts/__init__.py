"""Accounts: getting a token (log in with a device name), the member's tokens and profile
(``tokens``); account settings, the data archive and deleting the account (``data``)."""
from . import data, tokens

PUBLIC_BLUEPRINTS = (tokens.public,)
BLUEPRINTS = (tokens.blp, data.blp)
