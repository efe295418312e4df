"""Accounts: getting a token (log in with a device name), the member's tokens and profile."""
from . import tokens

PUBLIC_BLUEPRINTS = (tokens.public,)
BLUEPRINTS = (tokens.blp,)
