"""The three journeys in a real browser (Playwright driving Debian's Chromium) against the
app served for real on 127.0.0.1, at desktop size and on a 390×844 phone, per language.

The steps are in tests/browser_journeys.py. Every page the browser visits is checked
(tests/browser_support: overflow, console and resources, links, <html lang>, axe-core on
the main pages).

Marked ``browser``. By default a small matrix runs: every journey at both sizes, the
languages alternating (pairwise), so each journey, size and language is covered once.
``BROWSER_FULL=1`` runs every journey × size × language. A language the app cannot show
yet (no Flask-Babel catalogue) is skipped with the reason.
"""
from __future__ import annotations

import os

import pytest

from config import TestConfig as AppTestConfig
from recruit import create_app

from .browser_journeys import JOURNEY_STEPS, Case
from .browser_support import CHROMIUM, LANGUAGES, VIEWPORTS, LiveServer, app_speaks, free_port
from .conftest import Members, _settings

pytestmark = pytest.mark.browser

JOURNEYS = ("seeker", "recruiter", "employee")
FULL_MATRIX = os.environ.get("BROWSER_FULL", "").lower() in ("1", "true", "yes")


def matrix():
    """(journey, viewport, language) cases: all of them with BROWSER_FULL, else the half
    where the indices add up to an even number (each journey once per size, languages
    alternating between the sizes and from one journey to the next)."""
    for i, journey in enumerate(JOURNEYS):
        for j, viewport in enumerate(VIEWPORTS):
            for k, language in enumerate(LANGUAGES):
                if FULL_MATRIX or (i + j + k) % 2 == 0:
                    yield pytest.param(journey, viewport, language,
                                       id=f"{journey}-{viewport}-{language}")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, started by Playwright (which never downloads a browser here)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: scripts/test.sh installs it "
                    "(apt-get install chromium), or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def served(clean_db):
    """The app, on a real server on a free port, against the (wiped) test database."""
    port = free_port()
    config = AppTestConfig()
    config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD, config.NEO4J_DATABASE = _settings()
    config.BASE_URL = f"http://127.0.0.1:{port}"
    config.TRUSTED_HOSTS = ["127.0.0.1"]
    application = create_app(config)
    with LiveServer(application, port) as server:
        yield application, server
    application.extensions["graph"].close()


# A journey is a few dozen pages, each checked; a loaded 2-core machine needs minutes.
@pytest.mark.timeout(900)
@pytest.mark.parametrize("journey_name, viewport, language", list(matrix()))
def test_journey(journey_name, viewport, language, served, browser):
    """The journey's steps pass in the browser and every page it visits is clean."""
    app, server = served
    if not app_speaks(app, language):
        pytest.skip(f"the app has no {language} yet (no Flask-Babel catalogue for it; "
                    "issue 18 part 1): this case runs once it has")
    case = Case(app, server.url, browser, viewport, language,
                f"{journey_name}-{viewport}-{language}", Members(app))
    try:
        JOURNEY_STEPS[journey_name](case)
    finally:
        for journey in case.opened:
            journey.close()
    problems = [line for journey in case.opened for line in journey.problems()]
    assert not problems, "\n".join(problems)
