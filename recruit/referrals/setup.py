"""Wiring for the referrals, introductions and notices blueprints in one call, so
the app factory needs one line."""
from __future__ import annotations

from flask import Flask


def register_referrals(app: Flask) -> None:
    """Register the referral, introduction and notice pages on ``app``."""
    from ..introductions import bp as introductions_bp
    from ..notices import bp as notices_bp
    from . import bp as referrals_bp

    for blueprint in (referrals_bp, introductions_bp, notices_bp):
        app.register_blueprint(blueprint)
