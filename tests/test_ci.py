"""The CI workflow and the issue form: linted offline, and the publishing rules checked as data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-figure.yml"


def _lint(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", WORKFLOW),
                                          ("vendor.github-issue-forms", FORM)])
def test_linter_passes(schema, path):
    result = _lint(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_linter_catches_a_broken_workflow(tmp_path):
    broken = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    del broken["jobs"]["deploy"]["runs-on"]
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _lint("vendor.github-workflows", path).returncode != 0


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))   # YAML 1.1 reads the key `on` as True
    return data


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def test_deploy_needs_the_tests_and_runs_only_on_main(workflow):
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    assert "test" in _needs(deploy)
    assert all("test" in _needs(jobs[name]) or name == "test" for name in _needs(deploy))
    condition = deploy["if"].replace(" ", "")
    assert "github.ref=='refs/heads/main'" in condition and "github.event_name!='pull_request'" in condition
    assert workflow["on"]["push"]["branches"] == ["main"]
    steps = deploy["steps"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    assert deploy["environment"]["name"] == "github-pages"


def test_least_privileges(workflow):
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        if name == "deploy":
            assert writes == {"pages", "id-token"}
        else:
            assert not writes, name           # a pull request (a fork's too) never gets write rights
    test = workflow["jobs"]["test"]
    assert "if" not in test                   # pull requests and main both run the checks


def test_checks_build_strict_and_cancels_superseded_runs(workflow):
    assert workflow["concurrency"]["cancel-in-progress"] is True
    test_steps = " ".join(step.get("run", "") for step in workflow["jobs"]["test"]["steps"])
    assert "make check" in test_steps and "make build" in test_steps and "make test" in test_steps
    build_code = (ROOT / "scripts" / "build.py").read_text(encoding="utf-8")
    assert "--strict" in build_code or "strict=True" in build_code   # MkDocs run as a command, or in-process
    for name in ("test", "build"):
        assert any(step.get("uses", "").startswith("actions/cache@") for step in workflow["jobs"][name]["steps"])
    build = workflow["jobs"]["build"]
    run = next(step for step in build["steps"] if "make build" in step.get("run", ""))
    assert run["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build["steps"])


def test_issue_form_has_the_fields_the_site_fills_in():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"target", "figure", "problem", "evidence"} <= ids
