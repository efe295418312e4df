"""The browser tests' plumbing: the app served for real, Debian's Chromium driven by
Playwright, and the checks made on every page a journey visits.

Playwright never downloads a browser here: it starts ``/usr/bin/chromium`` (or
``CHROMIUM_PATH``), which ``scripts/test.sh`` installs with apt when it is missing, as it
installs axe-core from npm into ``.browser-deps/`` (git-ignored).

Every page a journey visits goes through ``Journey.check``:

- no horizontal overflow (``scrollWidth <= innerWidth``);
- no console error, uncaught exception, failed request or 4xx/5xx resource;
- no same-site link on the page that answers 4xx/5xx to a GET (checked with the page's
  own cookies, so "logged-in" links are checked as the member sees them);
- ``<html lang>`` is the journey's language;
- axe-core: no serious or critical violation (on the pages a journey marks as main).

Problems are collected, not raised at once, so one run lists everything that is wrong on
every page; the journey fails at the end with the whole list. A step that cannot be done
(a missing button) fails at once. Screenshots go to ``screenshots/`` (git-ignored).
"""
from __future__ import annotations

import os
import re
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SCRIPT = ROOT / ".browser-deps" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "screenshots"))

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Language code of the app -> (the browser's locale, which sets Accept-Language; the
# primary subtag <html lang> must carry).
LANGUAGES = {"en": ("en-US", "en"), "zh_CN": ("zh-CN", "zh")}
BLOCKING_IMPACTS = ("serious", "critical")
TIMEOUT_MS = 90_000

# Links whose GET is not a page a member follows: the log-out is a POST form, static files
# are checked as resources when the page loads them.
SKIPPED_LINK = re.compile(r"^/(static/|logout)")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """Serves ``app`` with Werkzeug's threaded server on 127.0.0.1:``port`` in a thread."""

    def __init__(self, app, port: int):
        from werkzeug.serving import make_server

        self.url = f"http://127.0.0.1:{port}"
        self._server = make_server("127.0.0.1", port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "LiveServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(10)


def app_speaks(app, language: str) -> bool:
    """Whether the app can show ``language``: English always; another language once
    Flask-Babel is set up with a catalogue for it."""
    if language == "en":
        return True
    babel = app.extensions.get("babel")
    if babel is None:
        return False
    try:
        with app.app_context():
            from flask_babel import get_babel
            folders = get_babel(app).translation_directories
    except Exception:  # an older Flask-Babel: the default folder
        folders = [os.path.join(app.root_path, "translations")]
    # A catalogue may sit under the full code (zh_CN) or its language alone (zh).
    names = {language, language.split("_")[0]}
    return any(Path(folder, name, "LC_MESSAGES", f"messages.{kind}").exists()
               for folder in folders for name in names for kind in ("mo", "po"))


@dataclass
class PageReport:
    """What went wrong on one page."""

    name: str
    url: str
    problems: list[str] = field(default_factory=list)


class Journey:
    """One browser context (one person) walking through the app, checking every page."""

    def __init__(self, browser, base_url: str, viewport: str, language: str, label: str):
        locale, self.lang_prefix = LANGUAGES[language]
        self.base_url = base_url
        self.viewport = viewport
        self.language = language
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], locale=locale,
                                           base_url=base_url)
        # Generous: a first query plan on a loaded 2-core CI machine can take seconds.
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.set_default_navigation_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.reports: list[PageReport] = []
        self._events: list[str] = []
        self._checked_links: dict[str, int] = {}
        self.shots = SCREENSHOTS / label
        self.shots.mkdir(parents=True, exist_ok=True)
        self._shot_count = 0
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self._events.append(f"uncaught: {error}"))
        self.page.on("requestfailed", lambda request: self._events.append(
            f"request failed: {request.method} {request.url} ({request.failure})"))
        self.page.on("response", self._on_response)

    # --- events -------------------------------------------------------------------------
    def _on_console(self, message) -> None:
        if message.type == "error":
            self._events.append(f"console error: {message.text}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self._events.append(f"{response.status} for {response.request.method} {response.url}")

    # --- navigation ---------------------------------------------------------------------
    def goto(self, path: str, name: str, main: bool = False) -> None:
        """Open ``path`` and check the page."""
        self.page.goto(path)
        self.check(name, main=main)

    def submit(self, button, name: str, main: bool = False) -> None:
        """Click a form's button, wait for the page it leads to, and check that page."""
        with self.page.expect_navigation():
            button.click()
        self.check(name, main=main)

    def form_button(self, action_suffix: str):
        """The submit button of the form whose action ends with ``action_suffix``
        (language-independent: forms are found by where they post, not by their words)."""
        return self.page.locator(f'form[action$="{action_suffix}"] button').first

    # --- checks -------------------------------------------------------------------------
    def check(self, name: str, main: bool = False) -> None:
        """Run every page check on the current page and take a screenshot."""
        self.page.wait_for_load_state("load")
        report = PageReport(name, self.page.url)
        report.problems.extend(self._events)
        self._events.clear()
        report.problems.extend(self._overflow())
        report.problems.extend(self._lang())
        report.problems.extend(self._broken_links())
        if main:
            report.problems.extend(self._axe())
        self._shot_count += 1
        self.page.screenshot(path=str(self.shots / f"{self._shot_count:02d}-{name}.png"),
                             full_page=True)
        self.reports.append(report)

    def _overflow(self) -> list[str]:
        sizes = self.page.evaluate(
            """() => {
                 const width = window.innerWidth;
                 const wide = [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > width + 0.5)
                   .filter(e => !e.parentElement ||
                                e.parentElement.getBoundingClientRect().right <= width + 0.5)
                   .slice(0, 3)
                   .map(e => e.tagName.toLowerCase() + (e.className ? '.' +
                        String(e.className).trim().split(/\\s+/).join('.') : '')
                        + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
                 return {scroll: document.documentElement.scrollWidth, inner: width, wide};
               }""")
        if sizes["scroll"] <= sizes["inner"]:
            return []
        return [f"horizontal overflow: {sizes['scroll']} px wide in a {sizes['inner']} px "
                f"window; widest: {', '.join(sizes['wide']) or '?'}"]

    def _lang(self) -> list[str]:
        lang = self.page.evaluate("document.documentElement.lang") or ""
        primary = lang.replace("_", "-").split("-")[0].lower()
        if primary == self.lang_prefix:
            return []
        return [f'<html lang="{lang}">, expected {self.lang_prefix}']

    def _broken_links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        origin = urlsplit(self.base_url)
        problems = []
        for href in dict.fromkeys(urldefrag(urljoin(self.page.url, h))[0] for h in hrefs):
            parts = urlsplit(href)
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                continue
            if SKIPPED_LINK.match(parts.path):
                continue
            if href not in self._checked_links:
                response = self.context.request.get(href, max_redirects=5,
                                                    timeout=TIMEOUT_MS)
                self._checked_links[href] = response.status
            if self._checked_links[href] >= 400:
                problems.append(f"link to {parts.path}{'?' + parts.query if parts.query else ''}"
                                f" answers {self._checked_links[href]}")
        return problems

    def _axe(self) -> list[str]:
        if not AXE_SCRIPT.exists():
            return [f"axe-core is not installed at {AXE_SCRIPT} (scripts/test.sh installs it)"]
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, so the site's CSP (no inline
            # script) does not have to be loosened for the test.
            self.page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
        return [f"axe {v['impact']}: {v['id']} ({v['help']}) at {'; '.join(v['nodes'])}"
                for v in violations if v["impact"] in BLOCKING_IMPACTS]

    # --- the end ------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every problem found, one line each, with the page it was on."""
        return [f"[{r.name}] {r.url}: {p}" for r in self.reports for p in r.problems]

    def close(self) -> None:
        self.context.close()
