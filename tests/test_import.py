"""``import rhetoric`` stays light: no pandas, no matplotlib until needed."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_load_heavy_modules():
    code = ("import sys, rhetoric; rhetoric.measure('Russia wants TRADE.');"
            "print(sorted(m for m in ('pandas', 'matplotlib', 'typer') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_measure_command_does_not_load_pandas_or_matplotlib():
    code = ("import sys; from rhetoric.cli import main\n"
            "try:\n    main(['measure', '-', '--format', 'table'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], input="Russia wants TRADE.", capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
