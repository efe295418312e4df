"""Referrals and their pipeline (``referrals``), asking a friend for one (``asks``) and
introductions through a mutual friend (``introductions``)."""
from . import asks, introductions, referrals

BLUEPRINTS = (referrals.blp, asks.blp, introductions.blp)
