"""The degree badge of a suggestion, shared by the pages and the API."""
from __future__ import annotations


def suggestion_badge(row: dict) -> dict:
    """Suggestions are never friends: 2nd degree with mutual friends, else 3rd+."""
    return {"degree": 2 if row["mutualCount"] else 3, "mutuals": row["mutuals"],
            "mutualCount": row["mutualCount"]}
