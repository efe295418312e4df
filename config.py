"""Application configuration, read from the environment with development defaults.

Every setting that differs between machines comes from an environment variable, so the
same code runs against the repository's local Neo4j, a remote server, a cluster
(``neo4j://`` URI) or a hosted database without change.
"""
import os
import secrets
import tempfile

from graph.referrals.stages import parse_points


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings for a running app. Instantiated by ``create_app`` so the environment is
    read when the app is built, not when this module is imported."""

    def __init__(self) -> None:
        self.NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
        self.NEO4J_USER = os.environ.get("NEO4J_USER", "neo4j")
        self.NEO4J_PASSWORD = os.environ.get("NEO4J_PASSWORD", "")
        self.NEO4J_DATABASE = os.environ.get("NEO4J_DATABASE", "neo4j")
        # A random key per process is safe but logs everyone out on restart; deployments
        # set SECRET_KEY. scripts/run.sh keeps one in .neo4j/secret_key for development.
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        # flask-login's own remember-me cookie (user id + HMAC: cannot be revoked) is not
        # used; "keep me logged in" is SESSION_REMEMBER_COOKIE_NAME below, a rotated token
        # stored hashed. This name only keeps flask-login's "forget" header off ours.
        self.REMEMBER_COOKIE_NAME = "flask_login_remember_unused"
        self.WTF_CSRF_ENABLED = True
        self.WTF_CSRF_TIME_LIMIT = 8 * 3600
        self.MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 2 * 1024 * 1024))
        # How long a request waits for Neo4j before answering 503 (graph.driver.WEB_TIMEOUTS).
        self.NEO4J_CONNECTION_TIMEOUT = float(os.environ.get("NEO4J_CONNECTION_TIMEOUT", 1.0))
        self.NEO4J_ACQUISITION_TIMEOUT = float(os.environ.get("NEO4J_ACQUISITION_TIMEOUT", 2.0))
        # How long the driver retries a failed transaction. 0 with NEO4J_LIVENESS_CHECK=0
        # bounds a *frozen* server at 2 s, but then the app did not recover after Neo4j was
        # killed and restarted (the fault test, 3 runs of 3; docs/operations.md), so the
        # defaults stay the ones the fault test passes with. Repositories retry the
        # server's transient errors themselves either way (graph.base).
        self.NEO4J_RETRY_TIME = float(os.environ.get("NEO4J_RETRY_TIME", 0.5))
        # Pooled connections idle longer than this many seconds are checked before use
        # (0: all), within the acquisition timeout. "off" (the default): no check.
        liveness = os.environ.get("NEO4J_LIVENESS_CHECK", "off").strip().lower()
        self.NEO4J_LIVENESS_CHECK = None if liveness in ("", "off") else float(liveness)
        # The web server's bound on one database call (recruit/deadline.py, wsgi.py only).
        self.NEO4J_CALL_DEADLINE = float(os.environ.get("NEO4J_CALL_DEADLINE", 2.0))
        # Redis: the shared store of the rate limits and the task queue.
        # scripts/run.sh starts a local one and sets REDIS_URL; without it the throttles
        # are per process and background tasks run inline, in the request.
        self.REDIS_URL = os.environ.get("REDIS_URL", "")
        self.TASKS_IMMEDIATE = _env_bool("TASKS_IMMEDIATE", not self.REDIS_URL)
        # Flask-Limiter: shared through Redis when there is one. If Redis is away the
        # throttles fall back to per-process memory instead of failing the request.
        self.RATELIMIT_STORAGE_URI = os.environ.get(
            "RATELIMIT_STORAGE_URI", self.REDIS_URL or "memory://")
        self.RATELIMIT_STORAGE_OPTIONS = (
            {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
            if self.RATELIMIT_STORAGE_URI.startswith("redis") else {})
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        self.RATELIMIT_SWALLOW_ERRORS = True
        self.RATELIMIT_HEADERS_ENABLED = True
        self.LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
        self.LOGIN_LIMIT_PER_ADDRESS = os.environ.get("LOGIN_LIMIT_PER_ADDRESS", "30 per 15 minutes")
        self.SIGNUP_LIMIT_PER_ADDRESS = os.environ.get("SIGNUP_LIMIT_PER_ADDRESS", "20 per hour")
        self.PAGE_SIZE = int(os.environ.get("PAGE_SIZE", 20))
        # The JSON API (docs/api.md): token lifetime when none is chosen, and each token's
        # request budget (Flask-Limiter syntax; shared across workers like the others).
        self.API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", 90))
        self.API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300 per minute")
        # Referrals and introductions: see docs/referrals.md.
        self.REFERRAL_OWNERSHIP_DAYS = int(os.environ.get("REFERRAL_OWNERSHIP_DAYS", 180))
        # Points per stage reached, e.g. "reviewing=5,interviewing=20,offer=50,hired=200";
        # stages left out keep their defaults (graph.referrals.stages.DEFAULT_POINTS).
        self.REFERRAL_POINTS = parse_points(os.environ.get("REFERRAL_POINTS"))
        self.REFERRALS_PER_DAY = int(os.environ.get("REFERRALS_PER_DAY", 20))
        self.REFERRAL_INVITE_DAYS = int(os.environ.get("REFERRAL_INVITE_DAYS", 30))
        self.INTRODUCTION_EXPIRY_DAYS = int(os.environ.get("INTRODUCTION_EXPIRY_DAYS", 14))
        # Outgoing mail (recruit/mail.py): through SMTP when SMTP_HOST is set, otherwise
        # written as .eml files to OUTBOX_DIR for a developer to open.
        self.SMTP_HOST = os.environ.get("SMTP_HOST", "")
        self.SMTP_PORT = int(os.environ.get("SMTP_PORT", 587))
        self.SMTP_USER = os.environ.get("SMTP_USER", "")
        self.SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
        self.SMTP_STARTTLS = _env_bool("SMTP_STARTTLS", True)
        self.SMTP_TIMEOUT = float(os.environ.get("SMTP_TIMEOUT", 10))
        self.MAIL_FROM = os.environ.get("MAIL_FROM", "Referral <no-reply@referral.local>")
        # Queued mail: attempts after the first, and the first pause (doubling).
        self.MAIL_RETRIES = int(os.environ.get("MAIL_RETRIES", 10))
        self.MAIL_RETRY_DELAY = float(os.environ.get("MAIL_RETRY_DELAY", 30))
        self.OUTBOX_DIR = os.environ.get(
            "OUTBOX_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "instance", "outbox"))
        self.WORK_EMAIL_LINK_MAX_AGE = int(os.environ.get("WORK_EMAIL_LINK_MAX_AGE", 2 * 24 * 3600))
        # Each confirmation sends mail to an address the member typed: cap it per member.
        self.WORK_EMAIL_LIMIT_PER_MEMBER = os.environ.get("WORK_EMAIL_LIMIT_PER_MEMBER", "6 per hour")
        # Trust (docs/trust.md): a work e-mail confirmation keeps recruiter rights
        # for this many days, then must be renewed; a recruiter opens at most this many
        # distinct candidate profiles a day.
        self.RECRUITER_EMAIL_MAX_AGE_DAYS = int(os.environ.get("RECRUITER_EMAIL_MAX_AGE_DAYS", 365))
        self.CANDIDATE_PROFILES_PER_DAY = int(os.environ.get("CANDIDATE_PROFILES_PER_DAY", 100))
        # The key of the per-company pseudonym ids and names (graph/candidates/visibility.py).
        # Unset, it is derived from SECRET_KEY; changing it changes every id and name a
        # recruiter sees (old links then answer 404), so set it once and keep it.
        self.PSEUDONYM_SCOPE_KEY = os.environ.get("PSEUDONYM_SCOPE_KEY", "")
        # Contacts. The HMAC key for match keys falls back to one derived from
        # SECRET_KEY; changing it makes stored phone and handle keys unmatchable.
        self.CONTACT_HMAC_KEY = os.environ.get("CONTACT_HMAC_KEY", "")
        self.PHONE_DEFAULT_REGION = os.environ.get("PHONE_DEFAULT_REGION", "CN")
        self.CONTACT_IMPORT_MAX_BYTES = int(os.environ.get("CONTACT_IMPORT_MAX_BYTES", 1024 * 1024))
        self.CONTACT_IMPORT_MAX_ENTRIES = int(os.environ.get("CONTACT_IMPORT_MAX_ENTRIES", 5000))
        self.CONTACT_IMPORTS_PER_DAY = int(os.environ.get("CONTACT_IMPORTS_PER_DAY", 5))
        self.CONTACT_UPLOAD_LIMIT = os.environ.get("CONTACT_UPLOAD_LIMIT", "30 per hour")
        self.PHONE_CODE_LIMIT = os.environ.get("PHONE_CODE_LIMIT", "5 per hour")
        self.SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")  # outbox | memory
        self.SMS_OUTBOX_DIR = os.environ.get("SMS_OUTBOX_DIR", "outbox/sms")
        # The in-memory network index (graph/index): on unless NETWORK_INDEX=false.
        self.NETWORK_INDEX = os.environ.get("NETWORK_INDEX", "true").lower() == "true"
        self.NETWORK_INDEX_POLL_SECONDS = float(os.environ.get("NETWORK_INDEX_POLL_SECONDS", 0.5))
        # Accounts (docs/security.md). Every absolute URL (in mail and pages) is
        # built from BASE_URL, never from the request's Host; hosts outside TRUSTED_HOSTS
        # (BASE_URL's host plus this comma-separated list) are refused with 400.
        self.BASE_URL = os.environ.get(
            "BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '5000')}")
        self.TRUSTED_HOSTS = [h for h in os.environ.get(
            "TRUSTED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()]
        # Server-side sessions: ended after SESSION_IDLE_MINUTES without a request, and
        # SESSION_ABSOLUTE_HOURS after logging in (REMEMBER_DAYS with "keep me logged in").
        self.SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", 60))
        self.SESSION_ABSOLUTE_HOURS = int(os.environ.get("SESSION_ABSOLUTE_HOURS", 12))
        self.REMEMBER_DAYS = int(os.environ.get("REMEMBER_DAYS", 14))
        self.SESSION_REMEMBER_COOKIE_NAME = os.environ.get("SESSION_REMEMBER_COOKIE_NAME", "remember_token")
        # One-time links by e-mail, and how often a member or an address may ask for them.
        self.PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", 60))
        self.EMAIL_VERIFY_HOURS = int(os.environ.get("EMAIL_VERIFY_HOURS", 72))
        self.ACCOUNT_MAIL_LIMIT = os.environ.get("ACCOUNT_MAIL_LIMIT", "5 per hour")
        # Deleting an account: the member can still log in and cancel for this many days;
        # `flask account erase-due` (run daily) erases the accounts whose time is up.
        self.ACCOUNT_DELETION_GRACE_DAYS = int(os.environ.get("ACCOUNT_DELETION_GRACE_DAYS", 14))
        # The workplace channel (docs/workplace.md): the key of the authors' keyed hashes
        # (derived from SECRET_KEY when unset; changing either makes stored authors
        # unfindable, even by escalation), the k threshold, and the posting limits.
        self.WORKPLACE_AUTHOR_KEY = os.environ.get("WORKPLACE_AUTHOR_KEY", "")
        self.WORKPLACE_K = int(os.environ.get("WORKPLACE_K", 10))
        self.WORKPLACE_POST_LIMIT = os.environ.get("WORKPLACE_POST_LIMIT", "10 per hour")
        self.WORKPLACE_COMPANY_POST_LIMIT = os.environ.get("WORKPLACE_COMPANY_POST_LIMIT",
                                                           "300 per hour")
        # Résumés (recruit/hiring/resumes.py): PDFs only, at most RESUME_MAX_BYTES, kept
        # in RESUME_DIR, outside the web root (static/), named by a random id.
        self.RESUME_MAX_BYTES = int(os.environ.get("RESUME_MAX_BYTES", 1024 * 1024))
        self.RESUME_DIR = os.environ.get(
            "RESUME_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "instance", "resumes"))
        # Profile photos (recruit/pictures/photos.py): JPEG, PNG or WebP by content, at most
        # PHOTO_MAX_BYTES, stored resized and without metadata in PHOTO_DIR, outside static/.
        self.PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 8 * 1024 * 1024))
        self.PHOTO_DIR = os.environ.get(
            "PHOTO_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "instance", "photos"))
        # Outreach to pseudonymous candidates (graph/hiring/outreach.py): new conversations
        # a member may open per 24 h, and how often the same text may go out per 24 h.
        self.OUTREACH_NEW_PER_DAY = int(os.environ.get("OUTREACH_NEW_PER_DAY", 20))
        self.OUTREACH_IDENTICAL_PER_DAY = int(os.environ.get("OUTREACH_IDENTICAL_PER_DAY", 5))
        self.TESTING = False


_TEST_OUTBOX: list[str] = []


def _test_outbox() -> str:
    """One temporary outbox folder per test process."""
    if not _TEST_OUTBOX:
        _TEST_OUTBOX.append(tempfile.mkdtemp(prefix="recruit-test-outbox-"))
    return _TEST_OUTBOX[0]


class TestConfig(Config):
    """Settings for the test suite: CSRF stays on (tests send real tokens), hashing is
    cheaper so hundreds of sign-ups stay fast, and the throttles are tight enough to test."""

    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True
        self.SECRET_KEY = "test-secret-key"
        # Tests write and wipe the database directly; the index is tested on its own
        # (tests/test_network_index.py) and against the web pages where asked for.
        self.NETWORK_INDEX = os.environ.get("TEST_NETWORK_INDEX", "false").lower() == "true"
        self.ARGON2_FAST = True
        self.SMS_BACKEND = "memory"
        self.BASE_URL = "http://localhost"
        self.TRUSTED_HOSTS = ["localhost"]
        # Mail to a folder of this test run, not the developer's outbox: the sign-up
        # helper reads the verification link from it (tests/account_support.py).
        self.OUTBOX_DIR = _test_outbox()
        self.RESUME_DIR = os.path.join(_test_outbox(), "resumes")
        self.PHOTO_DIR = os.path.join(_test_outbox(), "photos")
        # Tests read the outbox right after a request: tasks run inline unless a test
        # starts a real worker; throttles stay per app so tests cannot leak into each other.
        self.TASKS_IMMEDIATE = True
        # (A test that starts app processes sharing a Redis passes RATELIMIT_STORAGE_URI.)
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        if self.RATELIMIT_STORAGE_URI.startswith("memory"):
            self.RATELIMIT_STORAGE_OPTIONS = {}
