"""``N_``: marks a string for translation without translating it.

The data layer never imports Flask, yet some of its strings reach a reader (labels of
stored values, error messages, notices). ``N_`` lets ``scripts/i18n.sh`` extract them
into the catalogue; the web layer translates them when it shows them (docs/i18n.md).
"""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Return ``message`` unchanged; its only job is to be found by the extractor."""
    return message
