"""Evidence reports, opened in a real browser (headless Chromium, installed by .ci/run): the
seed post's report and a batch report render at desktop and phone widths, every evidence span
of the JSON is a mark with its signal, a mark's details show on hover and on keyboard focus,
no request leaves the page, and a post's own HTML shows as text."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from matplotlib.image import imread
from typer.testing import CliRunner

import rhetoric
from rhetoric.cli import app
from rhetoric.report import text_report
from tests.conftest import CORPUS, SHARED

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: .ci/run installs Debian's chromium")
SEED = CORPUS / "putin-call-2025-05-19.txt"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def open_page(browser, path, width="desktop"):
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")  # laid out with its final fonts
    return page, requests, dialogs


def not_blank(png) -> None:
    pixels = imread(png)[..., :3]
    assert pixels.std() > 0.05  # text, marks and shading, not a white page
    assert (pixels.mean(axis=2) < 0.5).mean() > 0.005  # some dark ink


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "seed.html"
    result = runner.invoke(app, ["report", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_seed_posts_report_renders_without_any_request(browser, seed_report, tmp_path, width):
    page, requests, _ = open_page(browser, seed_report, width)
    shot = tmp_path / f"{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    not_blank(shot)
    assert [r for r in requests if not r.startswith("file:")] == []
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, widths  # no sideways scroll
    text = page.inner_text("h1")
    assert "putin-call-2025-05-19.txt" in text
    page.close()


def test_every_evidence_span_is_a_mark_with_its_signal(browser, seed_report):
    m = rhetoric.measure(SEED.read_text(encoding="utf-8"))
    evidence = [e.to_dict() for e in m.evidence]
    page, _, _ = open_page(browser, seed_report)
    marks = page.evaluate("""() => Array.from(document.querySelectorAll('#text mark, .text mark')).map(m => ({
        evidence: m.dataset.evidence.split(' ').map(Number), classes: m.className,
        text: Array.from(m.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('')}))""")
    assert len(evidence) == len(m.evidence) > 10
    for i, e in enumerate(evidence):
        pieces = [mark for mark in marks if i in mark["evidence"]]
        assert "".join(p["text"] for p in pieces) == e["text"], e
        assert all(f"s-{e['signal']}" in p["classes"] for p in pieces), e
    page.close()


def test_a_marks_details_show_on_hover_and_on_keyboard_focus(browser, seed_report):
    page, _, _ = open_page(browser, seed_report)
    trade = page.locator("mark", has_text="TRADE").first
    tip = trade.locator(".tip")
    assert not tip.is_visible()
    trade.hover()
    assert tip.is_visible()
    details = tip.inner_text()
    assert "ALL-CAPS word" in details and "counted for Russia" in details and "Sentence 7" in details
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    unlimited = page.locator("mark", has_text="UNLIMITED").first
    for _ in range(60):  # the marks are reached with the Tab key, in text order
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.startsWith('UNLIMITED')"):
            break
    assert unlimited.locator(".tip").is_visible()
    assert "carried from an earlier sentence" in unlimited.locator(".tip").inner_text()
    box = unlimited.locator(".tip").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["desktop"][0]  # inside the window
    page.close()


def test_filters_hide_a_signal_and_dim_other_entities(browser, seed_report):
    page, _, _ = open_page(browser, seed_report)
    page.locator("input[data-signal=caps]").uncheck()
    assert "off" in page.locator("mark", has_text="END").first.get_attribute("class")  # caps only
    assert "off" not in page.locator("mark", has_text="TRADE").first.get_attribute("class")  # a trade word too
    page.locator("select[data-entity]").select_option("Ukraine")
    dimmed = page.locator(".sent.dim").count()
    assert 0 < dimmed < page.locator(".sent").count()
    page.close()


def test_a_post_with_html_and_script_renders_as_text(browser, tmp_path):
    post = tmp_path / "evil.txt"
    post.write_text('Russia wants <script>alert("x")</script> TRADE! <img src=x onerror=alert(1)> <b>bold</b>',
                    encoding="utf-8")
    out = tmp_path / "evil.html"
    assert runner.invoke(app, ["report", str(post), "-o", str(out)]).exit_code == 0
    page, requests, dialogs = open_page(browser, out)
    body = page.inner_text(".text")
    assert '<script>alert("x")</script>' in body and "<img src=x onerror=alert(1)>" in body
    assert dialogs == [] and page.locator(".text img, .text b, .text script").count() == 0
    assert [r for r in requests if not r.startswith("file:")] == []
    page.close()


def test_repr_html_is_the_report():
    m = rhetoric.measure("Russia wants TRADE. Ukraine is fine.")
    html = m._repr_html_()
    assert html.startswith("<!doctype html>") and 'data-signals="caps' in html and html == text_report(m)


def test_measure_writes_a_report_beside_its_table(tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["measure", str(SEED), "--report", str(out), "--no-evidence"])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").count("<mark") > 10
    bad = runner.invoke(app, ["measure", str(SEED), "--report", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 1 and "a report is an .html file" in bad.output


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"shared data not found at {SHARED}")
@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_batch_report_renders_and_opens_its_documents(browser, tmp_path, width):
    exe = shutil.which("rhetoric")
    assert exe
    source = SHARED / "corpus" / "russia_ukraine.jsonl.gz"
    docs, ev, key, out = (tmp_path / n for n in ("d.parquet", "e.jsonl", "k.csv", "r.html"))
    done = subprocess.run([exe, "batch", str(source), "-o", str(docs), "--evidence", str(ev), "--with-text",
                           "--keyness", str(key), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([exe, "report", str(docs), "--evidence", str(ev), "--keyness", str(key), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page, requests, _ = open_page(browser, out, width)
    shot = tmp_path / "corpus.png"
    page.screenshot(path=str(shot), full_page=True)
    not_blank(shot)
    assert [r for r in requests if not r.startswith("file:")] == []
    assert page.locator("table").count() >= 2 and page.locator("figure svg").count() >= 3
    first = page.locator("details:has(.text)").first
    first.locator("summary").click()
    mark = first.locator("mark").first
    assert mark.is_visible()
    evidence = [json.loads(line) for line in ev.read_text(encoding="utf-8").splitlines()]
    ids = {e["document"] for e in evidence if e["signal"] == "document"}
    assert first.locator("summary").inner_text().split(" ")[0] in ids
    page.close()


def test_a_long_file_path_does_not_widen_the_page_on_a_phone(browser, tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4 + "x") / ("and-another-one-" * 4 + "y")
    folder.mkdir(parents=True)
    post = folder / SEED.name
    post.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "long.html"
    assert runner.invoke(app, ["report", str(post), "-o", str(out)]).exit_code == 0
    page, _, _ = open_page(browser, out, "phone")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, widths
    page.close()
