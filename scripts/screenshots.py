"""The README's screenshots, taken from a running app with the demo data.

    bash scripts/run.sh                       # in another terminal: the app with the demo
    .venv/bin/python scripts/screenshots.py   # writes docs/screenshots/*.png

Options: ``--base`` (default http://127.0.0.1:5000), ``--email`` / ``--password`` (a demo
login), ``--out``. It drives Debian's chromium (``/usr/bin/chromium``, or
``CHROMIUM_PATH``) through Playwright and never downloads a browser.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
# (file, viewport, language, page): what a new user should see first.
# A path ending in "/first-job" opens the first job of that page (its path picture).
SHOTS = (
    ("desktop-zh-job-feed.png", DESKTOP, "zh-CN", "/jobs"),
    ("phone-en-job.png", PHONE, "en", "/jobs/first-job"),
)


def take(base: str, email: str, password: str, out: Path) -> list[Path]:
    """Log in once per shot (a fresh context: language and size are per context) and
    capture each page of ``SHOTS`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        for name, viewport, language, path in SHOTS:
            context = browser.new_context(viewport=viewport, locale=language,
                                          extra_http_headers={"Accept-Language": language},
                                          is_mobile=viewport is PHONE,
                                          device_scale_factor=1)
            page = context.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", password)
            page.press("input[name=password]", "Enter")
            page.wait_for_load_state("networkidle")
            if path.endswith("/first-job"):
                page.goto(f"{base}{path.removesuffix('/first-job')}")
                page.click("h3.job-title a")
            else:
                page.goto(f"{base}{path}")
            page.wait_for_load_state("networkidle")
            target = out / name
            # The phone shot is one screen; the desktop one shows the first cards too.
            page.screenshot(path=str(target), full_page=False)
            written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:5000")
    parser.add_argument("--email", default="haiyan.ma@demo.example")
    parser.add_argument("--password", default="demo-password-2026")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    for path in take(args.base.rstrip("/"), args.email, args.password, args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
