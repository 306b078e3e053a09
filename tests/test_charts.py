"""Charts: structure at every size preset, image comparison with reviewed baselines,
valid PNG/SVG/PDF from the CLI, sidecars that redraw the same chart, and figures/."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.testing.compare import compare_images
from typer.testing import CliRunner

import rhetoric
from rhetoric import charts
from rhetoric.cli import app
from tests.conftest import CORPUS, ROOT

runner = CliRunner()
BASELINE = ROOT / "tests" / "baseline"
PUTIN = CORPUS / "putin-call-2025-05-19.txt"
SOURCE = "Source: Truth Social post, 19 May 2025"
#: RMS tolerance of the image comparison: absorbs anti-aliasing differences between
#: matplotlib/FreeType builds while failing on any moved or missing bar or label.
TOLERANCE = 12


@pytest.fixture(scope="module")
def putin():
    return rhetoric.measure(PUTIN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def batch_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("results")
    posts = folder / "posts.jsonl"
    texts = ["Russia wants to do largescale TRADE. Its potential is UNLIMITED.", "Ukraine can be a GREAT beneficiary!",
             "Putin is very BIG. Zelensky wants PEACE.", "The war must END. Russia must stop."]
    with open(posts, "w", encoding="utf-8") as out:
        for i in range(240):
            out.write(json.dumps({"id": i, "date": f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}",
                                  "text": texts[i % 4] + (" TRADE deal." if i % 3 else " war.")}) + "\n")
    docs, key = folder / "docs.parquet", folder / "key.csv"
    result = runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--keyness", str(key), "--quiet"])
    assert result.exit_code == 0, result.output
    return docs, key


def chart_for(kind, size, putin, batch_results):
    style = charts.ChartStyle(size=size, source=SOURCE)
    if kind in ("profile", "asymmetry", "topics", "text"):
        return charts.measurement_chart(putin, kind, style if kind != "text" or size != "column"
                                        else charts.ChartStyle(size="column", source=SOURCE), source=SOURCE)
    docs, key = batch_results
    return charts.results_chart(key if kind == "keyness" else docs, kind, style, source=SOURCE,
                                events=[("2025-05-19", "Putin call")] if kind == "timeseries" else ())


def texts(fig, gid):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == gid]


@pytest.mark.parametrize("size", list(charts.SIZES))
@pytest.mark.parametrize("kind", [k for k in charts.KINDS if k != "text"])
def test_structure_at_every_size(kind, size, putin, batch_results):
    chart = chart_for(kind, size, putin, batch_results)
    fig = chart.figure
    fig.canvas.draw()
    assert texts(fig, "title") and texts(fig, "subtitle")
    assert SOURCE in texts(fig, "source")[0]
    assert charts.text_bounds_ok(fig) == []
    bars = [p.get_gid() for p in fig.findobj(matplotlib.patches.Rectangle) if (p.get_gid() or "").startswith("bar-")]
    if kind == "profile":
        assert bars == ["bar-Russia"] * 6 + ["bar-Ukraine"] * 6
        assert any(t.startswith("Russia") for t in texts(fig, "label"))
    elif kind == "asymmetry":
        assert bars[0] == "bar-caps_words"
        assert texts(fig, "entity-a") and texts(fig, "entity-b")
    elif kind == "topics":
        assert bars == ["bar-Russia-trade", "bar-Ukraine-trade"]
        assert any("of the trade words" in t for t in texts(fig, "label"))
        assert any("of all words" in t for t in texts(fig, "label"))
    elif kind == "keyness":
        assert len(bars) >= 4 and texts(fig, "entity-a") == ["Russia →"]
    elif kind == "timeseries":
        assert {t for t in texts(fig, "label")} >= {"Russia", "Ukraine", " Putin call"}


@pytest.mark.parametrize("size", list(charts.SIZES))
def test_profile_of_five_entities_uses_a_key_when_labels_cannot_fit(size):
    entities = {"China": ["China", "Beijing"], "India": ["India"], "Japan": ["Japan"], "Brazil": ["Brazil"],
                "Mexico": ["Mexico"]}
    m = rhetoric.measure("China wants a TREMENDOUS deal. India is GREAT. Japan is fine. Brazil is the BEST. "
                         "Mexico pays.", entities=entities)
    fig = charts.measurement_chart(m, "profile", charts.ChartStyle(size=size, source=SOURCE)).figure
    assert charts.text_bounds_ok(fig) == []
    bars = [p.get_gid() for p in fig.findobj(matplotlib.patches.Rectangle) if (p.get_gid() or "").startswith("bar-")]
    assert bars == [f"bar-{name}" for name in entities for _ in range(6)]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == list(entities)


def test_text_chart_too_long_for_a_small_size_asks_for_another(putin):
    """A size too small for the post is an error whose hint names the excerpt with the most
    evidence; without a size the chart is as tall as the post needs."""
    for size in ("web", "column"):
        with pytest.raises(rhetoric.ConfigError, match="leave out --size") as error:
            charts.measurement_chart(putin, "text", charts.ChartStyle(size=size))
        first, last = map(int, str(error.value).rsplit("--sentences ", 1)[1].split("-"))
        assert first <= 8 <= last  # the excerpt holds TRADE and UNLIMITED (sentences 8 and 10)
    fitted = charts.measurement_chart(putin, "text", charts.ChartStyle(size=charts.FIT))
    assert charts.text_bounds_ok(fitted.figure) == []
    assert fitted.style.height and fitted.style.height > 1080 and fitted.style.pixels()[0] == 1080
    short = rhetoric.measure("Russia wants to do largescale TRADE. Its potential is UNLIMITED.")
    for size in ("web", "column"):
        assert charts.text_bounds_ok(charts.measurement_chart(short, "text", charts.ChartStyle(size=size)).figure) == []


def test_text_chart_names_its_excerpt_and_keys_every_shading(putin):
    chart = charts.measurement_chart(putin, "text", charts.ChartStyle(size=charts.FIT), sentences=(7, 10))
    title = " ".join(texts(chart.figure, "title")[0].split())
    assert title == "Where the emphasis falls: sentences 7–10 of 14"
    shades = {p.get_facecolor()[:3] for p in chart.figure.patches if p.get_gid() == "shade"}
    keys = {t.get_bbox_patch().get_facecolor()[:3] for t in chart.figure.findobj(matplotlib.text.Text)
            if t.get_gid() == "legend"}
    assert shades == keys and len(keys) == 3  # Russia, Russia via a pronoun, Ukraine
    whole = charts.measurement_chart(putin, "text", charts.ChartStyle(size=charts.FIT))
    legend = [t.get_text().strip() for t in whole.figure.findobj(matplotlib.text.Text) if t.get_gid() == "legend"]
    assert legend == ["Russia", "Russia (via a pronoun)", "Ukraine", "about several", "about several (via a pronoun)"]
    assert texts(whole.figure, "title") == ["Where the emphasis falls"]


@pytest.mark.parametrize("size", ["square", "story"])
def test_text_chart_structure(size, putin):
    chart = charts.measurement_chart(putin, "text", charts.ChartStyle(size=size, source=SOURCE), source=SOURCE)
    fig = chart.figure
    words = texts(fig, "word")
    assert " ".join(words).startswith("Just completed my two hour call")
    bold = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "word"
            and t.get_fontweight() == "bold"]
    assert bold == ["END", "TRADE", "UNLIMITED."]
    assert charts.text_bounds_ok(fig) == []


def test_text_chart_refuses_long_posts_and_takes_excerpts(putin):
    long = rhetoric.measure("Russia wants TRADE. " * 220)
    with pytest.raises(rhetoric.ConfigError, match="--sentences"):
        charts.measurement_chart(long, "text")
    excerpt = charts.measurement_chart(long, "text", sentences=(1, 5))
    assert len(texts(excerpt.figure, "word")) == 15


@pytest.mark.parametrize("kind", charts.KINDS)
def test_image_matches_reviewed_baseline(kind, putin, batch_results, tmp_path):
    chart = chart_for(kind, "web" if kind != "text" else "square", putin, batch_results)
    actual = tmp_path / f"{kind}.png"
    chart.figure.savefig(actual, dpi=charts.DPI)
    expected = BASELINE / f"{kind}.png"
    assert expected.exists(), f"no baseline: review {actual} and copy it to {expected}"
    assert compare_images(str(expected), str(actual), tol=TOLERANCE) is None


@pytest.mark.parametrize("ext,magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_cli_writes_valid_files_with_sidecars(ext, magic, tmp_path):
    out = tmp_path / f"chart.{ext}"
    result = runner.invoke(app, ["measure", str(PUTIN), "--chart", str(out), "--chart-kind", "asymmetry",
                                 "--source", SOURCE, "--title", "Capitals go to Russia", "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    meta = json.loads(out.with_suffix(".json").read_text())
    assert meta["kind"] == "asymmetry" and meta["style"]["title"] == "Capitals go to Russia"
    assert set(meta["lexicons"]) >= {"words", "acronyms"} and meta["command"].startswith("rhetoric ")
    if ext in ("png", "svg"):
        assert b"Capitals go to Russia" in out.read_bytes()


def test_sidecar_redraws_the_same_chart(tmp_path):
    out = tmp_path / "chart.png"
    runner.invoke(app, ["measure", str(PUTIN), "--chart", str(out), "--chart-kind", "profile", "-q"])
    again = tmp_path / "again.png"
    result = runner.invoke(app, ["chart", str(out.with_suffix(".csv")), "-o", str(again), "-q"])
    assert result.exit_code == 0, result.output
    a = matplotlib.image.imread(out)
    b = matplotlib.image.imread(again)
    assert np.array_equal(a, b)


def test_bad_chart_requests_are_one_line_errors(tmp_path, batch_results):
    docs, _ = batch_results
    for args, message in ((["measure", str(PUTIN), "--chart", str(tmp_path / "x.gif")], ".png, .svg or .pdf"),
                          (["chart", str(docs), "--kind", "text", "-o", str(tmp_path / "x.png")], "one text"),
                          (["chart", str(tmp_path / "none.csv"), "-o", str(tmp_path / "x.png")], "no none.json")):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_chart_never_writes_over_its_input(tmp_path, batch_results):
    """A chart named after its input would put its data sidecar in the input's place
    ("key.png" beside "key.csv"): refused, even with --force, and the input is untouched."""
    _, key = batch_results
    table = tmp_path / "key.csv"
    table.write_bytes(key.read_bytes())
    post = tmp_path / "post.csv"  # a text that happens to be named .csv
    post.write_text(PUTIN.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (["chart", str(table), "--kind", "keyness", "-o", str(tmp_path / "key.png"), "--force"],
                 ["measure", str(post), "--chart", str(tmp_path / "post.svg"), "--force"],
                 ["measure", str(post), "-o", str(post), "--force"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and "is an input of this command" in result.stderr, args
        assert len(result.stderr.strip().splitlines()) == 1
    assert table.read_bytes() == key.read_bytes()
    assert post.read_text(encoding="utf-8") == PUTIN.read_text(encoding="utf-8")
    assert not (tmp_path / "key.png").exists() and not (tmp_path / "post.svg").exists()
    # a redraw may rewrite its own sidecars in place
    drawn = tmp_path / "drawn.png"
    assert runner.invoke(app, ["chart", str(table), "--kind", "keyness", "-o", str(drawn), "-q"]).exit_code == 0
    result = runner.invoke(app, ["chart", str(drawn.with_suffix(".csv")), "-o", str(drawn), "--force", "-q",
                                 "--title", "Redrawn"])
    assert result.exit_code == 0, result.output
    assert json.loads(drawn.with_suffix(".json").read_text())["style"]["title"] == "Redrawn"


def test_time_series_keeps_empty_periods_and_breaks_its_lines_there(tmp_path):
    """A corpus with a hole (posts in 2015 and 2018 only) is drawn on a proportional axis:
    2016 and 2017 appear with no documents, and no line bridges them."""
    posts = tmp_path / "posts.jsonl"
    rows = [{"id": i, "date": f"{year}-0{1 + i % 3}-10", "text": "Russia wants TRADE. Ukraine is GREAT."}
            for i, year in enumerate([2015] * 6 + [2018] * 6)]
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    data = charts.timeseries_data(pd.read_csv(docs), by="year")
    russia = data[data["entity"] == "Russia"].set_index("period")
    assert list(russia.index) == ["2015", "2016", "2017", "2018"]
    assert list(russia["documents"]) == [6, 0, 0, 6]
    assert russia.loc[["2016", "2017"], "smoothed"].isna().all()
    assert russia.loc[["2015", "2018"], "smoothed"].notna().all()
    figure = charts.draw_timeseries(data)
    line = next(a for ax in figure.axes for a in ax.get_lines() if a.get_gid() == "line-Russia")
    assert np.isnan(line.get_ydata()[1:3]).all()
    assert charts.all_periods(["2015-W52", "2016-W01"], "week") == ["2015-W52", "2015-W53", "2016-W01"]


def test_time_series_marks_a_long_hole_or_a_stray_date_as_one_break(tmp_path):
    """A mistyped date (0202 for 2020) or a hole of years in a monthly series is one marked
    break, not thousands of empty periods that squeeze the data into a corner."""
    assert charts.all_periods(["2025-03", "0202-05", "2025-01", "(no date)"], "month") == \
        ["0202-05", charts.BREAK, "2025-01", "2025-02", "2025-03"]
    assert charts.all_periods(["2025-W18", "999-W18"], "week") == ["999-W18", charts.BREAK, "2025-W18"]
    posts = tmp_path / "posts.jsonl"
    rows = [{"id": i, "date": date, "text": "Russia wants TRADE. Ukraine is GREAT."}
            for i, date in enumerate(["2016-01-05", "2016-02-05", "2025-01-05", "2025-02-05"])]
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    data = charts.timeseries_data(pd.read_csv(docs), by="month")
    assert list(dict.fromkeys(data["period"])) == ["2016-01", "2016-02", charts.BREAK, "2025-01", "2025-02"]
    figure = charts.draw_timeseries(data)
    assert "no documents between 2016-02 and 2025-01" in " ".join(texts(figure, "subtitle")).replace("\n", " ")
    assert charts.BREAK in [t.get_text() for ax in figure.axes for t in ax.get_xticklabels()]
    # events: one in the hole goes on the dotted line; labels that would touch go on separate lines
    figure = charts.draw_timeseries(data, events=[("2025-01-20", "Inauguration"), ("2020-03", "in the hole"),
                                                  ("2025-02-01", "A long label here")])
    lines = sorted(line.get_xdata()[0] for line in figure.axes[0].lines if line.get_gid() == "event")
    assert lines == [2, 3, 4]  # the break is period 2
    labels = [t for t in figure.axes[0].texts if t.get_gid() == "label" and t.get_text().strip() in
              ("Inauguration", "in the hole", "A long label here")]
    up = {t.get_text().strip(): t.xyann[1] for t in labels}
    assert up["Inauguration"] != up["A long label here"]  # the two would touch: two lines
    assert up["in the hole"] == min(up.values())  # it touches neither: the first line
    assert all(t.xy[1] == 1.0 for t in labels)  # above the plot: never on a bar, a dot or a line
    with pytest.raises(rhetoric.ConfigError, match="outside the chart's periods"):
        charts.draw_timeseries(data, events=[("2030-01-01", "later")])
    weekly = charts.timeseries_data(pd.read_csv(docs), by="week")  # ISO weeks are compared as weeks
    figure = charts.draw_timeseries(weekly, events=[("2025-01-06", "a Monday")])
    periods = list(dict.fromkeys(weekly["period"]))
    assert [line.get_xdata()[0] for line in figure.axes[0].lines if line.get_gid() == "event"] == \
        [periods.index("2025-W02")]
    result = runner.invoke(app, ["chart", str(docs), "--kind", "timeseries", "--annotate", "notadate=x",
                                 "-o", str(tmp_path / "t.png")])
    assert result.exit_code == 1 and "--annotate 'notadate': expected a date" in result.stderr


@pytest.mark.parametrize("size", ["web", "column"])
def test_time_axis_labels_never_touch_and_each_stretch_after_a_break_is_dated(tmp_path, size):
    dates = [f"{y}-{m:02d}-10" for y in range(2012, 2018) for m in range(1, 13)] + \
        [f"2025-{m:02d}-10" for m in range(1, 13)]
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "date": d, "text": "Russia wants TRADE. Ukraine is GREAT."}) + "\n"
                             for i, d in enumerate(dates)), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    figure = charts.draw_timeseries(charts.timeseries_data(pd.read_csv(docs), by="month"), charts.ChartStyle(size=size))
    figure.canvas.draw()
    ax = next(a for a in figure.axes if a.get_xticklabels())
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    shown = [t.get_text() for t in labels]
    assert shown[0] == "2012-01" and "2025-01" in shown and 3 <= len(shown) <= charts.MAX_TICKS + 1
    boxes = [t.get_window_extent() for t in labels]
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:], strict=False)), shown  # left to right, apart


def test_time_series_with_several_breaks_draws_each_in_its_place(tmp_path):
    """Two holes of years are two breaks (the data had two periods named "…" and the chart
    failed with a TypeError); a stretch of one stray period gives way to the longer stretch
    when their first labels would touch."""
    dates = ["2000-01-05", "2010-01-05", "2010-02-05", *(f"2025-{m:02d}-05" for m in range(1, 13))]
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "date": d, "text": "Russia wants TRADE. Ukraine is GREAT."}) + "\n"
                             for i, d in enumerate(dates)), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    data = charts.timeseries_data(pd.read_csv(docs), by="month")
    periods = data[data["entity"] == "Russia"]["period"].tolist()
    assert periods[:5] == ["2000-01", charts.BREAK, "2010-01", "2010-02", charts.BREAK] and len(periods) == 17
    figure = charts.draw_timeseries(data, charts.ChartStyle(size="column"))
    bars = [p for ax in figure.axes for p in ax.patches if p.get_gid() == "documents"]
    assert [round(b.get_height()) for b in bars][:5] == [1, 0, 1, 1, 0]
    breaks = [line.get_xdata()[0] for ax in figure.axes for line in ax.get_lines() if line.get_gid() == "break"]
    assert breaks == [1, 4]
    assert "2025-01" in [t.get_text() for ax in figure.axes for t in ax.get_xticklabels()]
    out = tmp_path / "ts.png"
    result = runner.invoke(app, ["chart", str(docs), "--kind", "timeseries", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert charts.text_bounds_ok(figure) == []


def test_asymmetry_headline_names_a_side_only_when_the_evidence_clears_the_rule(tmp_path):
    """A corpus: the permutation p-value of the signal with the strongest evidence must reach
    0.05 / 6, with 3 occurrences or more and 20 documents or more on each side."""
    posts = tmp_path / "posts.jsonl"
    rows = [{"id": i, "text": "Russia wants TRADE. Ukraine is here." if i % 2 else "Ukraine is FREE. Russia is here."}
            for i in range(40)]
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    data = charts.corpus_asymmetry_data(pd.read_csv(docs), rhetoric.Config.make())
    caps = data.set_index("signal").loc["caps_words"]
    assert caps["low"] <= 0 <= caps["high"] and caps["p"] > 0.5  # as many capitals on each side
    assert (caps["count_a"], caps["count_b"]) == (20, 20)

    def title():
        return " ".join(" ".join(texts(charts.draw_asymmetry(data), "title")).split())

    assert title().startswith("ALL-CAPS words: Russia 20")
    data.loc[data["signal"] == "caps_words", ["value", "p", "count_a", "count_b"]] = [0.6, 0.001, 30, 8]
    assert title() == "Russia's sentences use ALL-CAPS words more often than Ukraine's"
    data.loc[data["signal"] == "caps_words", ["p"]] = [0.02]  # below 0.05, not below 0.05 / 6
    assert title().startswith("ALL-CAPS words: Russia 30")
    data.loc[data["signal"] == "caps_words", ["p", "count_a", "count_b"]] = [0.001, 2, 0]  # too few to name Russia
    assert title().startswith("ALL-CAPS words: Russia 2")
    data.loc[data["signal"] == "caps_words", ["count_a", "count_b"]] = [30, 8]
    data["documents_b"] = 12  # too few documents about Ukraine
    assert title().startswith("ALL-CAPS words: Russia 30")


def test_redraw_takes_the_options_given_even_a_default(tmp_path):
    out = tmp_path / "chart.png"
    runner.invoke(app, ["measure", str(PUTIN), "--chart", str(out), "--chart-kind", "profile", "--size", "square",
                        "--title", "Saved title", "-q"])
    again = tmp_path / "again.png"
    result = runner.invoke(app, ["chart", str(out.with_suffix(".csv")), "-o", str(again), "--size", "web", "-q"])
    assert result.exit_code == 0, result.output
    meta = json.loads(again.with_suffix(".json").read_text())
    assert meta["style"]["size"] == "web" and meta["style"]["title"] == "Saved title"
    assert matplotlib.image.imread(again).shape[:2] == (675, 1200)


def test_figures_command_reproduces_the_readme_charts(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "figures" / "make_figures.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for png in sorted((ROOT / "figures").glob("putin-call-*.png")):
        if png.name == "putin-call-report.png":  # a screenshot: figures/screenshot_report.py
            continue
        assert compare_images(str(png), str(tmp_path / png.name), tol=TOLERANCE) is None
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        assert f"figures/{png.name}" in readme


def test_bad_chart_options_are_one_line_errors_and_write_nothing(tmp_path, batch_results):
    docs, _ = batch_results
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    table = tmp_path / "m.txt"
    text_chart = ["measure", str(PUTIN), "--chart", str(tmp_path / "c.png"), "--chart-kind", "text"]
    for args, message in (
            ([*text_chart, "--sentences", "3-1"], "--sentences 3-1"),
            ([*text_chart, "--sentences", "50-60"], "the text has 14 sentences"),
            (["measure", str(PUTIN), "--chart", str(tmp_path / "c.png"), "--width", "-5"], "--width -5"),
            (["chart", str(docs), "--kind", "timeseries", "--signal", "bogus", "-o", str(tmp_path / "c.png")],
             "choose one of caps_words"),
            (["chart", str(empty), "--kind", "profile", "-o", str(tmp_path / "c.png")], "not a table"),
            (["measure", str(PUTIN), "-o", str(table), "--chart", str(tmp_path / "x.gif")], ".png, .svg or .pdf")):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    assert not table.exists() and not (tmp_path / "c.png").exists()


def test_time_series_line_pools_words_so_a_thin_period_weighs_little():
    """The line is the rate over each period and its neighbours with words summed: one short
    sentence with capitals does not lift it as a plain mean of rates would."""
    docs = pd.DataFrame({
        "date": ["2025-01-10", "2025-02-10", "2025-03-10"], "error": [None] * 3,
        "ukraine_words": [1000, 10, 1000], "ukraine_caps_words": [0, 5, 0],
        "ukraine_caps_words_per_100_words": [0.0, 50.0, 0.0]})
    config = rhetoric.Config.make(entities={"Ukraine": ["Ukraine"]})
    data = charts.timeseries_data(docs, by="month", config=config).set_index("period")
    assert data.loc["2025-02", "rate"] == 50.0
    assert abs(data.loc["2025-02", "smoothed"] - 100 * 5 / 2010) < 1e-9  # not (0 + 50 + 0) / 3


def test_time_series_counts_documents_about_the_entities_and_one_post_does_not_set_the_scale(tmp_path):
    """Bars count the documents about the entities, not every document; a period with fewer than
    MIN_POINT_DOCUMENTS documents about an entity is a hollow dot, and when its rate is far above
    the rest it is a triangle at the top rather than the top of the axis."""
    rows = []
    for month in range(1, 7):
        for k in range(8):
            rows.append({"id": len(rows), "date": f"2025-{month:02d}-{k + 1:02d}",
                         "text": "Russia wants a deal. Ukraine wants a deal too." if k < 6 else "The weather is nice."})
    rows.append({"id": len(rows), "date": "2025-03-15", "text": "UKRAINE MUST WIN NOW OR NEVER, Ukraine said"})
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--quiet"]).exit_code == 0
    data = charts.timeseries_data(pd.read_csv(docs), by="month")
    ukraine = data[data["entity"] == "Ukraine"].set_index("period")
    assert list(ukraine["period_documents"]) == [8, 8, 9, 8, 8, 8]
    assert list(ukraine["about_documents"]) == [6, 6, 7, 6, 6, 6]
    figure = charts.draw_timeseries(data)
    bars = [round(p.get_height()) for ax in figure.axes for p in ax.patches if p.get_gid() == "documents"]
    assert bars == [6, 6, 7, 6, 6, 6]
    subtitle = " ".join(texts(figure, "subtitle")[0].split())
    assert "documents about Russia or Ukraine (37 of 49; the tallest counted)" in subtitle
    # one month's rate from one document, far above the rest: hollow, at the top, not the scale
    march = data["period"] == "2025-03"
    sparse = data.assign(documents=data["documents"].where(~march, 1), rate=data["rate"].where(~march, 90.0))
    figure = charts.draw_timeseries(sparse)
    beyond = [line for line in figure.axes[0].get_lines() if (line.get_gid() or "").startswith("beyond-")]
    assert beyond and all(line.get_marker() == "^" and line.get_markerfacecolor() == "white" for line in beyond)
    assert figure.axes[0].get_ylim()[1] < 30
    assert charts.text_bounds_ok(figure) == []


def test_topics_chart_compares_the_share_of_topic_words_with_the_share_of_words():
    """Russia's sentences hold most of the trade words because they hold most of the words: the
    title names no side unless the density test clears the rule, and both shares are drawn."""
    m = rhetoric.measure("Russia wants TRADE and jobs with us, a big economy. Russia is big and strong and "
                         "powerful and loud. Ukraine wants trade.")
    data = charts.topics_data(m)
    russia, ukraine = (data.set_index("entity").loc[n] for n in ("Russia", "Ukraine"))
    assert russia["share"] == pytest.approx(0.75) and russia["words_share"] > 0.75  # 3 of 4 trade words, more words
    assert ukraine["share"] / ukraine["words_share"] > 1  # Ukraine's sentences are the more trade-heavy
    figure = charts.draw_topics(data)
    assert texts(figure, "title")[0].startswith("Trade words: Russia 3")
    labels = texts(figure, "label")
    assert any(t.startswith("75% of the trade words (3)") for t in labels)
    assert any(t.startswith(f"{100 * ukraine['words_share']:.0f}% of all words") for t in labels)


def test_profile_and_asymmetry_titles_come_from_the_claims_rule():
    """One text: the permutation test of the signal with the strongest evidence; the title
    names a side only when it clears 0.05 / 6 with 3 occurrences or more, and names signals
    precisely."""
    clear = rhetoric.measure(" ".join(["Russia is HUGE, BIG, STRONG and GREAT."] * 4 +
                                      ["Ukraine is small and quiet and calm."] * 8 +
                                      ["The weather is nice today."] * 6))
    for kind in ("profile", "asymmetry"):
        figure = charts.measurement_chart(clear, kind).figure
        assert texts(figure, "title")[0].replace("\n", " ") == \
            "Russia's sentences use ALL-CAPS words more often than Ukraine's"
    close = rhetoric.measure("Ukraine wants PEACE now. Russia wants a DEAL. It is a TREMENDOUS opportunity.")
    for kind in ("profile", "asymmetry"):
        title = texts(charts.measurement_chart(close, kind).figure, "title")[0].replace("\n", " ")
        assert "more often" not in title and "capitals" not in title
    labels = texts(charts.measurement_chart(close, "asymmetry").figure, "label")
    assert len(labels) == 6 and all(re.search(r"\(\d+ vs \d+\)", t) for t in labels)  # every bar: its counts


def test_keyness_chart_draws_only_words_past_the_threshold():
    key = pd.DataFrame({"word": ["hoax", "fake", "war", "money", "rare"], "z": [1.94, 1.5, -4.0, -2.6, 3.0],
                        "russia_count": [15, 14, 1, 1, 4], "ukraine_count": [0, 0, 29, 16, 0]})
    figure = charts.draw_keyness(charts.keyness_data(key, ("Russia", "Ukraine")))
    bars = sorted(p.get_gid() for p in figure.findobj(matplotlib.patches.Rectangle)
                  if (p.get_gid() or "").startswith("bar-"))
    assert bars == ["bar-money", "bar-war"]  # "hoax" under 1.96, "rare" used 4 times
    assert [line.get_xdata()[0] for line in figure.axes[0].get_lines() if line.get_gid() == "threshold"] == \
        [-1.96, 1.96]
    assert "2 of the 4 tested" in " ".join(texts(figure, "subtitle")[0].split())
    none = charts.draw_keyness(charts.keyness_data(key, ("Russia", "Ukraine"), min_z=5))
    assert texts(none, "title")[0].replace("\n", " ") == "No word sets Russia's own sentences apart from Ukraine's"
    assert "No word passes |z| ≥ 5" in " ".join(texts(none, "label"))


def test_an_empty_keyness_table_and_a_bad_entity_colour_are_one_line_errors(tmp_path):
    posts = tmp_path / "none.csv"
    posts.write_text("id,date,text\n1,2025-01-01,Nothing here.\n", encoding="utf-8")
    key = tmp_path / "key.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(tmp_path / "o.csv"), "--keyness", str(key),
                               "-q"]).exit_code == 0
    result = runner.invoke(app, ["chart", str(key), "--kind", "keyness", "-o", str(tmp_path / "k.png")])
    assert result.exit_code == 1 and "keyness table has no words" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    entities = tmp_path / "bad.toml"
    entities.write_text('[entities.Russia]\ncolour = "blue-ish"\ncountry = ["Russia"]\n'
                        '[entities.Ukraine]\ncountry = ["Ukraine"]\n', encoding="utf-8")
    result = runner.invoke(app, ["measure", str(PUTIN), "--entities", str(entities), "--chart",
                                 str(tmp_path / "c.png")])
    assert result.exit_code == 1 and "entities.Russia.colour 'blue-ish' is not a colour" in result.stderr
    assert not (tmp_path / "c.png").exists()


def test_corpus_asymmetry_counts_its_documents_and_names_no_side_on_few(tmp_path):
    """A corpus with 3 documents about Ukraine: no interval, no side named, and the chart says
    how many documents each side has; every bar shows its counts."""
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "text": "Russia is GREAT!" if i % 10 else "Ukraine is nice."})
                             + "\n" for i in range(30)), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "-q"]).exit_code == 0
    chart = charts.results_chart(docs, "asymmetry")
    title, subtitle = (" ".join(t.get_text().split()) for t in chart.figure.texts[:2])
    assert not title.endswith("'s") and "documents: 27 about Russia, 3 about Ukraine" in subtitle
    assert chart.data["low"].isna().all()  # 3 documents about Ukraine: no interval
    assert any("(27 vs 0)" in t for t in texts(chart.figure, "label"))
    summary = tmp_path / "s.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(tmp_path / "o.csv"), "--by", "year", "--summary",
                               str(summary), "-q"]).exit_code == 0
    result = runner.invoke(app, ["chart", str(summary), "--kind", "asymmetry", "-o", str(tmp_path / "a.png")])
    assert result.exit_code == 1 and "a summary table" in result.stderr and "-o" in result.stderr


def test_keyness_refuses_a_pair_in_the_other_order_and_a_view(tmp_path, batch_results):
    _, key = batch_results
    for args, message in ((["--pair", "Ukraine,Russia"], "does not match"), (["--view", "exclusive"], "no views")):
        result = runner.invoke(app, ["chart", str(key), "--kind", "keyness", "-o", str(tmp_path / "k.png"), *args])
        assert result.exit_code == 1 and message in result.stderr, result.stderr


def test_charts_of_a_run_with_its_own_topics_and_a_third_entity_use_the_pair(tmp_path):
    posts = tmp_path / "p.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(
        ["Russia has a big ARMY and wants WAR. China is QUIET.", "Ukraine has an army. China is HUGE."] * 10)),
        encoding="utf-8")
    docs = tmp_path / "d.csv"
    entities = ["--entity", "Russia=Russia", "--entity", "Ukraine=Ukraine", "--entity", "China=China"]
    assert runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--topic", "war=war,army", *entities,
                               "-q"]).exit_code == 0
    for kind in ("profile", "asymmetry", "topics"):
        out = tmp_path / f"{kind}.png"
        result = runner.invoke(app, ["chart", str(docs), "--kind", kind, "-o", str(out), *entities,
                                     "--pair", "Russia,China", "-q"])
        assert result.exit_code == 0, result.output
        data = pd.read_csv(out.with_suffix(".csv"))
        pair = (data["entity_a"].iloc[0], data["entity_b"].iloc[0]) if "entity_a" in data.columns else \
            tuple(data["pair"].iloc[0].split("|"))
        assert pair == ("Russia", "China")
    topics = pd.read_csv(tmp_path / "topics.csv")
    assert set(topics["topic"]) == {"war"}
    result = runner.invoke(app, ["chart", str(tmp_path / "profile.csv"), "-o", str(tmp_path / "again.png"),
                                 "--view", "exclusive"])
    assert result.exit_code == 1 and "a redraw keeps the chart's numbers" in result.stderr


def test_time_series_reads_the_view_and_only_counters_as_signals():
    texts = ["Russia and Ukraine are BIG. Russia is STRONG.", "Ukraine is brave. Russia and Ukraine talk."] * 6
    table = rhetoric.measure_many(pd.DataFrame({"text": texts, "date": [f"2025-0{1 + k % 3}-05" for k in range(12)]}))
    all_view = charts.timeseries_data(table, by="month")
    alone = charts.timeseries_data(table, by="month", view="exclusive")
    assert (alone["words"] <= all_view["words"]).all() and (alone["words"] < all_view["words"]).any()
    for signal in ("exclusive_caps_words", "caps_words_per_100_words", "words"):
        with pytest.raises(rhetoric.ConfigError, match="choose one of caps_words"):
            charts.timeseries_data(table, by="month", signal=signal)
