"""The website in a real browser (Debian's Chromium driven by Playwright): every page
opened from disk draws its charts with no error and no request leaving file://, legend and
check-box selections work, and a script tag in the data stays text.

Run alone: ``pytest -m browser``. Needs /usr/bin/chromium (``apt-get install chromium``);
required when CI=true, skipped with the reason otherwise. ``python
tests/browser/test_site_browser.py SITE_DIR`` checks a built site and saves screenshots.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 30_000
#: data marks of a Vega SVG (axes, legends and titles have other roles)
MARKS = "svg .role-mark > path, svg .role-mark > line, svg .role-mark > text, svg .role-mark > rect"
PAGES = ["index", "imagenet", "cifar10", "mnist", "theoretical", "fidelity", "raw_measurements", "overview"]

pytestmark = [pytest.mark.browser]


def _require(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(f"{reason} (required when CI=true)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require("the playwright package is not installed (make install; pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        _require(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"], timeout=TIMEOUT_MS)
        yield b
        b.close()


class Visit:
    """One page opened from disk, recording console errors, page errors, dialogs and every
    request that does not start with file: (those are aborted)."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("request", lambda r: r.url.startswith("file:") or self.remote.append(r.url))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
        self.charts = self.page.locator(".chart-view")
        if self.charts.count():
            # every chart has drawn its SVG scene (Vega builds it in one pass; an empty
            # chart has no marks), or put its error message in place
            self.page.wait_for_function(
                """() => Array.from(document.querySelectorAll('.chart-view')).every(el =>
                    el.querySelector('svg g') ||
                    (!el.querySelector('svg') && el.textContent.trim() !== ''))""",
                timeout=TIMEOUT_MS,
            )

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def marks(self, chart) -> int:
        return chart.locator(MARKS).count()

    def look(self, chart) -> list[str]:
        """What each data mark looks like: opacity, fill/stroke and their opacities."""
        return chart.evaluate(
            """el => Array.from(el.querySelectorAll('svg .role-mark > *')).map(m =>
                ['opacity', 'fill', 'fill-opacity', 'stroke', 'stroke-opacity']
                  .map(a => m.getAttribute(a)).join('|'))"""
        )

    def close(self):
        self.page.close()


def check_page(browser, path: Path, screenshot: Path | None = None, *, need_marks: bool = True) -> Visit:
    visit = Visit(browser, path)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(screenshot), full_page=True, timeout=TIMEOUT_MS)
    assert visit.errors == [], (path.name, visit.errors)
    assert visit.remote == [], (path.name, visit.remote)
    if need_marks:
        for i in range(visit.charts.count()):
            chart = visit.charts.nth(i)
            assert visit.marks(chart) > 0, (path.name, chart.get_attribute("data-spec"))
    return visit


# --- on the original data ------------------------------------------------------------


@pytest.fixture(scope="module")
def qutibench_site(qutibench_run):
    """The site of the session's run on the original data (tests/conftest.py)."""
    return qutibench_run / "site"


@pytest.mark.qutibench
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline_without_errors(browser, qutibench_site, page):
    # the screenshots beside the shared run's results, not inside them
    visit = check_page(
        browser, qutibench_site / f"{page}.html", qutibench_site.parent.parent / "screenshots" / f"{page}.png"
    )
    try:
        if page in ("imagenet", "cifar10", "mnist"):
            assert visit.charts.count() == (14 if page == "imagenet" else 13)
        elif page == "theoretical":
            assert visit.charts.count() == 4
        elif page == "fidelity":
            assert visit.charts.count() == 3
            assert visit.page.locator("table").count() >= 3  # the scores and the downloads
        else:
            assert visit.charts.count() == 0
            assert visit.page.locator("table").count() > 0 or page == "index"
    finally:
        visit.close()


@pytest.mark.qutibench
@pytest.mark.parametrize("task", ["imagenet", "cifar10", "mnist"])
def test_legend_click_highlights_and_second_click_restores(browser, qutibench_site, task):
    """The latency chart's legend is bound to a point selection ("pick"): a click keeps
    the chosen configuration's colour and greys the rest; shift-click on it empties the
    selection again, which shows every series as before."""
    visit = check_page(browser, qutibench_site / f"{task}.html")
    try:
        chart = visit.page.locator(f"#fig-{task}-latency-throughput .chart-view")
        before = visit.look(chart)
        entries = chart.locator("svg .role-legend-label text")
        assert entries.count() > 1
        entries.nth(1).click()
        chosen = visit.look(chart)
        assert len(chosen) == len(before) and chosen != before
        assert any(s.startswith("0.4|") for s in chosen)  # the others fade
        entries.nth(1).click(modifiers=["Shift"])
        assert visit.look(chart) == before
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.qutibench
def test_checkbox_hides_and_restores_a_hardware_family(browser, qutibench_site):
    visit = check_page(browser, qutibench_site / "theoretical.html")
    count = "document.querySelectorAll('#fig-all-roofline svg .role-mark > *').length"
    try:
        chart = visit.page.locator("#fig-all-roofline .chart-view")
        before = visit.marks(chart)
        box = chart.locator(".vega-bind", has_text="FPGA").locator("input[type=checkbox]")
        box.uncheck()
        visit.page.wait_for_function(f"n => {count} < n", arg=before, timeout=TIMEOUT_MS)
        box.check()
        visit.page.wait_for_function(f"n => {count} === n", arg=before, timeout=TIMEOUT_MS)
        assert visit.errors == []
    finally:
        visit.close()


# --- a script tag in the data --------------------------------------------------------


@pytest.fixture(scope="module")
def evil_site(browser, evil_site_run):
    """The session's site with a platform named like a script tag (tests/conftest.py)."""
    return evil_site_run[2] / "site"


@pytest.mark.parametrize("page", ["raw_measurements", "overview", "cifar10", "theoretical"])
def test_script_tag_in_the_data_is_text_not_code(browser, evil_site, page):
    from site_fixtures import EVIL

    visit = check_page(browser, evil_site / f"{page}.html", need_marks=False)
    try:
        live = visit.page.evaluate(
            "() => Array.from(document.scripts).filter(s => s.textContent.includes('alert(')"
            " && s.type !== 'application/json').length"
        )
        assert live == 0
        assert EVIL in visit.page.evaluate("() => document.body.innerText")
        # in the charts the name is drawn as SVG text (the roofline's legend), not run
        if page in ("cifar10", "theoretical"):
            texts = visit.page.locator("svg text", has_text="alert(1)")
            assert texts.count() > 0
        assert visit.errors == []
    finally:
        visit.close()


def main(site: str) -> None:
    """Check every page of a built site and save full-page screenshots next to it."""
    from playwright.sync_api import sync_playwright

    folder = Path(site)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for page in PAGES:
            visit = Visit(b, folder / f"{page}.html")
            visit.page.screenshot(path=str(folder / "screenshots" / f"{page}.png"), full_page=True)
            empty = [
                visit.charts.nth(i).get_attribute("data-spec")
                for i in range(visit.charts.count())
                if not visit.marks(visit.charts.nth(i))
            ]
            print(
                f"{page}: {visit.charts.count()} charts, errors {visit.errors}, "
                f"remote {visit.remote}, charts without marks {empty}"
            )
            visit.close()
        b.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results/site")
