"""The house: stages flow one way (no import cycle, even through imports inside functions), no
import side effects, and a signal is one module: a toy signal registered in a configuration
gets its detection, counts, columns, labels, test and chart without touching the package."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

import rhetoric
from rhetoric import Config
from rhetoric.batch import measure_many
from rhetoric.charts import profile_data
from rhetoric.cli import app
from rhetoric.signals import REGISTRY, Context, Counter, Hit, Signal
from rhetoric.signals.base import one
from rhetoric.tables import format_table

PACKAGE = Path(rhetoric.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the rhetoric modules it imports anywhere (at the top or inside a function),
    except imports under ``if TYPE_CHECKING:`` (annotations only, never run)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {id(node) for branch in ast.walk(tree)
                   if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
                   for node in ast.walk(branch)}
        deps: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    deps.add(sub if sub in modules else target)
            elif isinstance(node, ast.Import):
                deps |= {alias.name for alias in node.names}
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


#: Imports that go up the stages on purpose, each inside one function: a measurement shows
#: itself in a notebook as its evidence report (``Measurement._repr_html_``).
UPWARD = {("rhetoric.measures", "rhetoric.report")}


def _function_level(module: str, target: str) -> bool:
    """Whether every import of ``target`` in ``module`` is inside a function."""
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in ast.walk(f)}
    name = target.rpartition(".")[2]
    found = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == name]
    return bool(found) and all(id(n) in inside for n in found)


def test_no_import_cycle_among_rhetoric_modules():
    graph = import_graph()
    for module, target in UPWARD:
        assert target in graph[module] and _function_level(module, target), (module, target)
        graph[module].discard(target)
    assert len(graph) > 30 and "rhetoric.pipeline" in graph["rhetoric.api"] | graph["rhetoric.config"]
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_tokens_know_nothing_of_signals_entities_or_measures():
    """(The tokenizer reads one lexicon, the abbreviations that a period does not end.)"""
    later = {"rhetoric.signals", "rhetoric.entities", "rhetoric.measures", "rhetoric.attribution",
             "rhetoric.pipeline", "rhetoric.tags", "rhetoric.config"}
    graph = import_graph()
    assert not graph["rhetoric.tokens"] & later
    assert not graph["rhetoric.sentences"] & later


def test_importing_the_package_changes_nothing_in_the_process():
    """Importing charts keeps the caller's matplotlib backend; importing the readers keeps the
    csv module's field limit."""
    code = ("import csv, matplotlib; matplotlib.use('svg'); limit = csv.field_size_limit()\n"
            "import rhetoric, rhetoric.charts, rhetoric.readers, rhetoric.batch, rhetoric.cli\n"
            "print(matplotlib.get_backend(), csv.field_size_limit() == limit)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["svg", "True"]


# -- a toy signal, as a new signal module would declare it ----------------------------------------

def _maybe_candidate(kind: str, text: str, norm: str, lex) -> bool:
    return kind == "word" and norm in ("maybe", "perhaps")


def _maybe_find(parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    hits = []
    for i in candidates:
        tok = parsed.toks[i]
        end = parsed.ends[i]
        hits.append(Hit("hedge", tok.text, end - len(tok.text), end, parsed.sentence_of[i]))
    return hits


HEDGE = Signal("hedge", _maybe_candidate, _maybe_find, (Counter("hedges", "hedges", "hedge", one),))
TEXT = ("Russia maybe wants peace. Perhaps Russia wants TRADE. Maybe Russia is sincere. "
        "Ukraine wants peace. Ukraine is GREAT.")


def test_a_toy_signal_is_detected_counted_labelled_tested_and_charted():
    config = Config.make(signals=(*REGISTRY, HEDGE))
    m = config.prepare().measure(TEXT)
    found = [(e.text, e.entities) for e in m.evidence if e.signal == "hedge"]
    assert found == [("maybe", ("Russia",)), ("Perhaps", ("Russia",)), ("Maybe", ("Russia",))]
    assert m.entities["Russia"]["hedges"] == 3 and m.entities["Ukraine"]["hedges"] == 0
    assert m.entities["Russia"]["exclusive"]["hedges"] == 3
    assert m.asymmetry["hedges"] == 1.0
    assert "hedges" in m.tests["all"] and m.tests["all"]["hedges"] is not None
    assert any(line.strip().startswith("hedges") for line in format_table(m).splitlines())
    data = profile_data(m)
    assert "Hedges" in set(data["label"])
    assert m.findings()["all"].family == len(REGISTRY) + 1  # one more signal to choose among
    docs = measure_many([TEXT, "Ukraine maybe."], config=config)
    assert docs["russia_hedges"].tolist() == [3, 0] and docs["ukraine_hedges"].tolist() == [0, 1]
    assert "asymmetry_exclusive_hedges" in docs.columns
    # the default configuration is untouched
    assert "hedges" not in Config.make().prepare().measure(TEXT).entities["Russia"]


def test_a_signal_that_is_not_a_headline_signal_is_counted_but_never_headlined():
    quiet = Signal("hedge", _maybe_candidate, _maybe_find, (Counter("hedges", "hedges", "hedge", one),),
                   headline=False)
    m = Config.make(signals=(*REGISTRY, quiet)).prepare().measure(TEXT * 3)
    assert m.entities["Russia"]["hedges"] == 9
    assert m.findings()["all"].signal != "hedges" and m.findings()["all"].family == len(REGISTRY)


def test_a_chart_of_a_batch_run_names_and_colours_entities_as_the_run_did(tmp_path):
    """The schema stored beside the documents table: "USA" (not "Usa", from the slug) in the
    colour of the entity file, without giving the entities again."""
    entities = tmp_path / "e.toml"
    entities.write_text('[entities.USA]\ncountry = ["USA", "America"]\ncolour = "#aa3377"\n'
                        '[entities."South Korea"]\ncountry = ["South Korea"]\n', encoding="utf-8")
    posts = tmp_path / "p.jsonl"
    posts.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(
        ["America is GREAT. South Korea is fine.", "South Korea trades. The USA is HUGE!"] * 15)), encoding="utf-8")
    docs = tmp_path / "docs.csv"
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(posts), "-o", str(docs), "--entities", str(entities), "-q"])
    assert result.exit_code == 0, result.output
    stored = json.loads((tmp_path / "docs.csv.schema.json").read_text(encoding="utf-8"))
    assert stored["entities"] == ["USA", "South Korea"] and stored["colours"] == ["#aa3377", None]
    assert stored["pair"] == ["USA", "South Korea"]
    chart = tmp_path / "profile.png"
    result = runner.invoke(app, ["chart", str(docs), "--kind", "profile", "-o", str(chart), "-q"])
    assert result.exit_code == 0, result.output
    meta = json.loads(chart.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["colours"]["USA"] == "#aa3377" and "South Korea" in meta["colours"]
    import pandas as pd

    sidecar = pd.read_csv(chart.with_suffix(".csv"))
    assert set(sidecar["entity"]) == {"USA", "South Korea"}
