"""Pseudonymous candidates: browsing, a profile and my pseudonym (``profiles``);
conversations, messages and the reveal (``conversations``)."""
from . import conversations, profiles

BLUEPRINTS = (profiles.blp, conversations.blp)
