"""Make the README's screenshot of the seed post's evidence report.

    python figures/screenshot_report.py [--out figures]   # needs Chromium and: pip install playwright

It writes the report with the rhetoric command line (`rhetoric report corpus/putin-call-2025-05-19.txt
-o figures/putin-call-report.html`), opens it in headless Chromium at 1280 pixels wide, hovers
over the mark of "UNLIMITED" so that its details show, and saves the top of the page as
figures/putin-call-report.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "figures")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from rhetoric.cli import main as rhetoric

    os.chdir(ROOT)
    html = args.out.resolve() / "putin-call-report.html"
    try:
        rhetoric(["report", "corpus/putin-call-2025-05-19.txt", "-o", os.path.relpath(html, ROOT), "--force", "-q"])
    except SystemExit as exc:
        if exc.code:
            raise
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        page.goto(html.as_uri())
        page.locator("mark", has_text="UNLIMITED").first.hover()
        page.screenshot(path=str(html.with_suffix(".png")))
        browser.close()
    print(html.with_suffix(".png"))


if __name__ == "__main__":
    main()
