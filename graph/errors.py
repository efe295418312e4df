"""Domain errors raised by the repositories; the web layer maps them to HTTP answers."""


class DomainError(Exception):
    """Base class: carries a message that is safe to show to the member.

    ``message`` is English with ``%(name)s`` placeholders filled from ``params``; the
    web layer shows it translated (``template`` is the catalogue's key, docs/i18n.md),
    the API as it is.
    """

    status = 400

    def __init__(self, message: str, **params):
        self.template = message
        self.params = params
        self.message = message % params if params else message
        super().__init__(self.message)


class Invalid(DomainError):
    """The request makes no sense for the data (e.g. befriending yourself)."""

    status = 400


class Forbidden(DomainError):
    """The member may not read or change this."""

    status = 403


class NotFound(DomainError):
    """Nothing by that id that this member may see."""

    status = 404


class Duplicate(DomainError):
    """The thing exists already (a uniqueness constraint said so)."""

    status = 409


class TooMany(DomainError):
    """A per-member limit is reached (e.g. candidate profiles opened today)."""

    status = 429
