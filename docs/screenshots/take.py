"""Take the README's screenshots of the demo court.

Build the demo court in a scratch database, serve it, then run this script from the repository root:

    export SQLITE_PATH=/tmp/shots/demo.sqlite3 DATABASE_URL=
    python manage.py migrate -v0 && python manage.py generate_demo --cases 3000 --seed 2023
    python manage.py runserver --insecure 127.0.0.1:8765 --noreload &
    python docs/screenshots/take.py            # --base http://127.0.0.1:8765  --case PK  --only NAME ...

It signs in with the demo accounts (password `fanjian-demo`), picks the language with the page's language
switch and writes full-page PNGs next to itself (overwriting them):

    dashboard-zh.png, dashboard-en.png   the metrics dashboard for 2023, as `president`
    docket-zh.png, docket-en.png         judge01's docket
    case.png                             a pending ordinary case with hearings, service and a long timeline (English,
                                         judge01; the richest one on the docket unless --case is given)
    triage-card-zh.png                   the active triage model's card, as `president` (skipped when none is active)
    filing-queue-zh.png                  the filing queue, as `filing01`

Needs Playwright (Python) and Debian's Chromium at /usr/bin/chromium; Pillow shrinks a picture over 600 KB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "fanjian-demo"
VIEWPORT = {"width": 1440, "height": 900}
MAX_BYTES = 600_000
SHRUNK_WIDTH = 1200
DASHBOARD = "/metrics/?from=2023-01-01&to=2023-12-31"


def shrink(path: Path) -> None:
    """Over MAX_BYTES: scale to SHRUNK_WIDTH wide and save optimized (then palette-quantized if still too big)."""
    if path.stat().st_size <= MAX_BYTES:
        return
    from PIL import Image

    with Image.open(path) as image:
        image = image.convert("RGB")
        if image.width > SHRUNK_WIDTH:
            image = image.resize((SHRUNK_WIDTH, round(image.height * SHRUNK_WIDTH / image.width)), Image.LANCZOS)
        image.save(path, optimize=True)
        if path.stat().st_size > MAX_BYTES:
            image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


class Shooter:
    def __init__(self, browser, base: str, only: set[str]):
        self.browser, self.base, self.only = browser, base.rstrip("/"), only
        self.taken: list[Path] = []

    def session(self, username: str, language: str) -> Page:
        """A fresh browser context signed in as `username`, its language chosen on the login page's switch."""
        context = self.browser.new_context(viewport=VIEWPORT, locale="zh-CN" if language.startswith("zh") else "en-US")
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto(f"{self.base}/login/")
        select = page.locator("#language-select")
        if select.input_value() != language:
            select.select_option(language)
            page.wait_for_load_state("networkidle")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        if "/login/" in page.url:
            sys.exit(f"could not sign in as {username} at {self.base} (is the demo court loaded?)")
        return page

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def shoot(self, page: Page, path: str, name: str) -> None:
        if path:
            response = page.goto(f"{self.base}{path}")
            if response is None or not response.ok:
                print(f"  {name}: {path} answered {response.status if response else 'nothing'}, skipped")
                return
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(800)  # Chart.js animates its first draw
        target = HERE / name
        page.screenshot(path=str(target), full_page=True)
        shrink(target)
        self.taken.append(target)
        print(f"  {name}: {page.url} ({target.stat().st_size // 1024} KB)")


def richest_case(page: Page, base: str) -> str:
    """The pending ordinary-procedure case on the docket with hearings, service and the most timeline entries."""
    links = page.locator("table.docket tbody tr").filter(has=page.locator(".proc-ordinary"))
    hrefs = [links.nth(i).locator("td.caseno a").get_attribute("href") for i in range(links.count())]
    best, best_score = "", -1
    for href in hrefs:
        page.goto(f"{base}{href}")
        hearings = page.locator("section[aria-labelledby=h-hearings] tbody tr").count()
        service = page.locator("section[aria-labelledby=h-service] tbody tr").count()
        events = page.locator("ol.timeline > li").count()
        score = events + 2 * hearings + service if hearings and service else events
        if score > best_score:
            best, best_score = href, score
    if not best:
        sys.exit("no ordinary-procedure case on judge01's docket")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765", help="the running demo court")
    parser.add_argument("--case", type=int, help="the case for case.png (default: the richest on judge01's docket)")
    parser.add_argument("--only", nargs="*", default=[], help="file names to take (default: all)")
    args = parser.parse_args()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        shots = Shooter(browser, args.base, set(args.only))
        for language, suffix in (("zh-hans", "zh"), ("en", "en")):
            if shots.wanted(f"dashboard-{suffix}.png"):
                shots.shoot(shots.session("president", language), DASHBOARD, f"dashboard-{suffix}.png")
            if shots.wanted(f"docket-{suffix}.png") or (suffix == "en" and shots.wanted("case.png")):
                page = shots.session("judge01", language)
                if shots.wanted(f"docket-{suffix}.png"):
                    shots.shoot(page, "/docket/", f"docket-{suffix}.png")
                if suffix == "en" and shots.wanted("case.png"):
                    href = f"/cases/{args.case}/" if args.case else richest_case(page, shots.base)
                    shots.shoot(page, href, "case.png")
        if shots.wanted("triage-card-zh.png"):
            shots.shoot(shots.session("president", "zh-hans"), "/triage/models/active/", "triage-card-zh.png")
        if shots.wanted("filing-queue-zh.png"):
            shots.shoot(shots.session("filing01", "zh-hans"), "/filing/", "filing-queue-zh.png")
        browser.close()
    if not shots.taken:
        sys.exit("nothing taken")


if __name__ == "__main__":
    main()
