"""Pseudonymous candidates: browsing, a profile and my pseudonym (``profiles``);
conversations, messages and the reveal (``conversations``); my pseudonym's settings and
block list (``settings``)."""
from . import conversations, profiles, settings

BLUEPRINTS = (profiles.blp, conversations.blp, settings.blp)
