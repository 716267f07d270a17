"""The security report's printer fails on a figure nobody measured or one that is not as
required, and adds up what several tests recorded."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.security import figures

spec = importlib.util.spec_from_file_location(
    "security_report", Path(__file__).resolve().parents[2] / "tools" / "security_report.py"
)
assert spec is not None
assert spec.loader is not None
security_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(security_report)


def test_record_writes_nothing_without_a_figures_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("SECURITY_FIGURES_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    figures.record("matrix.cells", 3)
    assert list(tmp_path.iterdir()) == []


def test_figures_of_one_key_add_up(monkeypatch, tmp_path):
    monkeypatch.setenv("SECURITY_FIGURES_DIR", str(tmp_path))
    figures.record("matrix.cells", 3)
    figures.record("matrix.cells", 4)
    assert security_report.load(tmp_path)["matrix.cells"] == 7


def _everything_measured() -> dict[str, int]:
    measured: dict[str, int] = {}
    for _heading, rows in security_report.REPORT:
        for _label, key, _rule in rows:
            measured[key.replace(".*", ".some-endpoint")] = 0
    measured["matrix.cells"] = 100
    return measured


def test_a_complete_report_passes():
    lines, problems = security_report.render(_everything_measured())
    assert problems == []
    assert "  cells tested: 100" in lines


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("matrix.rows_leaked", 2, "matrix.rows_leaked is 2, must be 0"),
        ("csrf.unsafe_refused", 5, "csrf.unsafe_refused is 5, must equal csrf.unsafe_total"),
    ],
)
def test_a_figure_not_as_required_fails(key, value, problem):
    measured = _everything_measured()
    measured[key] = value
    _lines, problems = security_report.render(measured)
    assert problems == [problem]


def test_a_figure_nobody_measured_fails(tmp_path):
    measured = _everything_measured()
    del measured["schemathesis.cases"]
    (tmp_path / "w.jsonl").write_text(
        "".join(json.dumps({"key": k, "value": v}) + "\n" for k, v in measured.items())
    )
    assert security_report.main(["security_report", str(tmp_path)]) == 1
