"""Django's deployment checklist (issue 14): ``manage.py check --deploy`` under production
settings, in the environment ``make check-deploy`` gives it, reports no warning at all."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.security.figures import record
from tests.security.test_headers import ROOT, production_environment

pytestmark = pytest.mark.security

# A check message names its id: "(security.W004)", "(alliance_portal.E001)".
ISSUE = re.compile(r"\(([\w.]+\.[WEC]\d+)\)")


def test_check_deploy_reports_no_warning() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    issues = ISSUE.findall(output)
    record("deploy.warnings", len(issues))
    assert issues == [], output
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
