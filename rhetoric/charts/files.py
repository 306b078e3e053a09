"""A chart's files: the chart (PNG, SVG or PDF) and its sidecars, ``.csv`` (the numbers plotted)
and ``.json`` (kind, settings, colours, lexicon fingerprints, version, command), written
atomically, and read back to redraw it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

from ..errors import ConfigError, InputError
from ..version import __version__
from ..writers import check_outputs, write_atomic

if TYPE_CHECKING:
    from . import Chart


def chart_files(path: str | Path) -> list[Path]:
    """The files a chart at ``path`` is saved as: the chart, its ``.csv`` and ``.json`` sidecars."""
    path = Path(path)
    return [path, path.with_suffix(".csv"), path.with_suffix(".json")]


def save(chart: Chart, path: str | Path, force: bool = True, inputs: Sequence[str | Path] = ()) -> list[Path]:
    """Write the chart (PNG, SVG or PDF by extension) and its sidecars: ``.csv`` (the numbers
    plotted) and ``.json`` (kind, settings, colours, lexicon fingerprints, version, command).
    PNG, SVG and PDF metadata carry the same description.  None of them may be one of
    ``inputs``, the files the chart was drawn from."""

    path = Path(path)
    check_outputs(chart_files(path), force, inputs)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise ConfigError(f"{path}: choose a .png, .svg or .pdf file name for the chart")
    meta = {"kind": chart.kind, "rhetoric": __version__, "matplotlib": matplotlib.__version__,
            "style": asdict(chart.style), "data": path.with_suffix(".csv").name, **chart.meta}
    description = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    title = chart.style.title or chart.kind
    metadata = {"png": {"Title": title, "Description": description, "Software": f"rhetoric {__version__}"},
                "svg": {"Title": title, "Description": description, "Creator": f"rhetoric {__version__}",
                        "Date": None},
                "pdf": {"Title": title, "Subject": description, "Creator": f"rhetoric {__version__}",
                        "CreationDate": None, "ModDate": None}}[fmt]
    import io

    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format=fmt, dpi=chart.style.dpi, metadata=metadata)
    write_atomic(path, buffer.getvalue())
    csv_path, json_path = path.with_suffix(".csv"), path.with_suffix(".json")
    write_atomic(csv_path, chart.data.to_csv(index=False))
    write_atomic(json_path, json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return [path, csv_path, json_path]


def _read_sidecar_csv(path: Path):
    import pandas as pd

    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    for column in frame.columns:
        values = frame[column].replace("", None)
        try:
            frame[column] = pd.to_numeric(values)
        except (ValueError, TypeError):
            frame[column] = frame[column]
    return frame


def read_sidecars(csv_path: str | Path) -> tuple[Any, dict[str, Any]]:
    """A chart's table, from its ``.csv`` sidecar, and its description, from the ``.json`` beside it."""
    csv_path = Path(csv_path)
    json_path = csv_path.with_suffix(".json")
    if not json_path.exists():
        raise InputError(f"{csv_path}: no {json_path.name} beside it; redraw needs the chart's .json sidecar")
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    return _read_sidecar_csv(csv_path), meta
