"""The HTML report: self-contained, escaped, and (in headless Chromium) every file and finding is shown and
filtering by a rule code hides the other findings.

The browser tests drive Chromium through chromedriver's W3C WebDriver HTTP API with the standard library only
(Debian: `apt-get install -y chromium chromium-driver`); they are skipped when either program is missing.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from perfform import batch
from perfform.config import Config
from perfform.report import Summary
from perfform.reporters.html import Reporter

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def make_forms(folder: Path) -> list[Path]:
    """The two sample dumps, the good one with a hostile department name, and a file that cannot be read."""
    folder.mkdir(parents=True, exist_ok=True)
    good = (SAMPLES / "qingshan-2022" / "form.txt").read_text(encoding="utf-8")
    hostile = folder / "hostile.txt"
    hostile.write_text(good.replace("\t青山区卫生健康局", "\t" + HOSTILE, 1), encoding="utf-8")
    bad = Path(shutil.copy(SAMPLES / "wuchang-2020" / "form.txt", folder / "wuchang.txt"))
    junk = folder / "junk.docx"
    junk.write_bytes(b"not a word document")
    return [bad, hostile, junk]


def report(paths: list[Path]) -> tuple[str, list[batch.FileResult]]:
    stream = io.StringIO()
    reporter = Reporter(stream)
    summary = Summary()
    results = list(batch.run([str(p) for p in paths], Config(), jobs=1, keep_filing=True))
    for result in results:
        reporter.add(result)
        summary.count(result)
    reporter.finish(summary)
    return stream.getvalue(), results


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[batch.FileResult]]:
    folder = tmp_path_factory.mktemp("html")
    text, results = report(make_forms(folder / "forms"))
    out = folder / "report.html"
    out.write_text(text, encoding="utf-8")
    return out, results


def test_html_is_self_contained_and_escaped(generated: tuple[Path, list[batch.FileResult]]) -> None:
    path, results = generated
    text = path.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert re.search(r"<[a-z][^>]*\s(?:src|href|action)=", text) is None  # nothing to fetch
    for marker in ("http://", "https://", "@import", "url("):
        assert marker not in text, marker
    assert text.count("<script>") == 1 and text.count("<style>") == 1
    for result in results:
        assert result.path in text
    codes = {d.code for r in results for d in r.diagnostics}
    assert {"PF104", "PF409", "PF001"} <= codes or {"PF104", "PF409", "PF002"} <= codes
    assert text.count("<tr data-code=") == sum(len(r.diagnostics) for r in results)


def test_html_summaries_per_rule_and_department(generated: tuple[Path, list[batch.FileResult]]) -> None:
    text = generated[0].read_text(encoding="utf-8")
    assert 'data-filter-code="PF104"' in text
    assert "武昌区委统一战线工作部" in text
    assert "（未识别）" in text  # the unreadable file has no department


def test_html_registered_for_validate(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from perfform import reporters
    from perfform.cli import main
    from perfform.commands import validate

    if "html" not in reporters.REPORTERS or "html" not in validate.FORMATS:
        pytest.skip('"html" is not registered yet in perfform.reporters.REPORTERS / validate.FORMATS')
    forms = make_forms(tmp_path / "forms")
    out = tmp_path / "report.html"
    args = ["validate", *map(str, forms), "--format", "html", "-o", str(out), "-j", "1"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- in a browser -----------------------------------------------------------------------------------------

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p is not None), None
)
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs chromium and chromedriver (Debian: apt-get install -y chromium chromium-driver)",
)


class WebDriver:
    """The few W3C WebDriver commands these tests need, over chromedriver's HTTP API."""

    ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = ""

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as exc:  # WebDriver errors: {"value": {"error": …, "message": …}}
            raise AssertionError(f"{method} {path}: {exc.read().decode(errors='replace')[:500]}") from None

    def start(self, browser: str, profile: Path) -> None:
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
        ]
        options = {"binary": browser, "args": args}
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def s(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.call(method, f"/session/{self.session}{path}", body)

    def get(self, url: str) -> None:
        self.s("POST", "/url", {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css: str) -> str:
        found = self.s("POST", "/element", {"using": "css selector", "value": css})
        return str(found[self.ELEMENT])

    def click(self, css: str) -> None:
        self.s("POST", f"/element/{self.find(css)}/click", {})

    def quit(self) -> None:
        if self.session:
            self.s("DELETE", "")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    driver = WebDriver(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if driver.call("GET", "/status").get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("chromedriver did not start")
            time.sleep(0.1)
        driver.start(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            process.terminate()
            process.wait(timeout=30)


ROWS = """return Array.from(document.querySelectorAll('#findings tbody tr[data-code]')).map(
  r => [r.getAttribute('data-code'), r.getAttribute('data-severity'), !r.hidden && r.offsetParent !== null]);"""


@needs_browser
def test_browser_shows_every_file_and_finding(
    browser: WebDriver, generated: tuple[Path, list[batch.FileResult]]
) -> None:
    path, results = generated
    browser.get(path.as_uri())
    body = browser.run("return document.body.innerText;")
    for result in results:
        assert result.path in body
    rows = browser.run(ROWS)
    expected = sorted(d.code for r in results for d in r.diagnostics)
    assert sorted(code for code, _, _ in rows) == expected
    assert all(shown for _, _, shown in rows)
    total = len(expected)
    assert browser.run("return document.getElementById('filter-count').textContent;") == f"{total} / {total}"
    # the hostile department name is text on the page, and none of it ran
    assert HOSTILE in body
    assert browser.run("return typeof window.__pwned;") == "undefined"


@needs_browser
def test_browser_filter_by_code_hides_the_others(
    browser: WebDriver, generated: tuple[Path, list[batch.FileResult]]
) -> None:
    path, results = generated
    browser.get(path.as_uri())
    browser.click("#filter-code")
    browser.click('#filter-code option[value="PF104"]')
    rows = browser.run(ROWS)
    wanted = sum(1 for r in results for d in r.diagnostics if d.code == "PF104")
    assert wanted > 0
    assert [shown for code, _, shown in rows if code == "PF104"] == [True] * wanted
    assert not any(shown for code, _, shown in rows if code != "PF104")
    assert browser.run("return document.getElementById('filter-count').textContent;") == (
        f"{wanted} / {len(rows)}"
    )
    # severity narrows further; "all" codes again shows every warning and no error
    browser.click('#filter-code option[value=""]')
    browser.click('#filter-severity option[value="warning"]')
    rows = browser.run(ROWS)
    assert all(shown == (severity == "warning") for _, severity, shown in rows)
    # the rule summary's code buttons set the code filter
    browser.click('#filter-severity option[value=""]')
    browser.click('button[data-filter-code="PF409"]')
    rows = browser.run(ROWS)
    assert all(shown == (code == "PF409") for code, _, shown in rows)


@needs_browser
def test_browser_sorts_by_column(browser: WebDriver, generated: tuple[Path, list[batch.FileResult]]) -> None:
    path, _ = generated
    browser.get(path.as_uri())
    cells = (
        "return Array.from(document.querySelectorAll('#files tbody tr')).map(r => r.cells[0].textContent);"
    )
    before = browser.run(cells)
    browser.click("#files thead th:first-child button")
    ascending = browser.run(cells)
    browser.click("#files thead th:first-child button")
    descending = browser.run(cells)
    assert sorted(before) == ascending
    assert descending == ascending[::-1]
