"""Reporting a wrong figure, and who answers for each department now."""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from mkdocs.utils.yaml import yaml_load

from macros.render import Renderer
from tracker.model import build_model
from tracker.reporting import issue_form_url, repository_address

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/example-org/plan219"   # test value; the real one comes from REPO_URL in CI


@pytest.fixture(scope="module")
def model():
    return build_model(ROOT / "data")


def test_issue_form_link_is_prefilled():
    url = urlparse(issue_form_url(REPO, "4.4", "88 % (9 tháng đầu năm 2025)"))
    assert url.path == "/example-org/plan219/issues/new"
    query = parse_qs(url.query)
    assert query["template"] == ["wrong-figure.yml"] and query["target"] == ["4.4"]
    assert query["figure"] == ["88 % (9 tháng đầu năm 2025)"]


@pytest.mark.parametrize("value, expected", [("", None), (None, None), (REPO + "/", REPO), (REPO + ".git", REPO)])
def test_repository_address_from_configuration(value, expected):
    assert repository_address(value) == expected


@pytest.mark.parametrize("value", ["javascript:alert(1)", "http://github.com/a/b", "https://github.com/a", "https://x/a/b c"])
def test_a_malformed_repository_address_is_refused(value):
    with pytest.raises(ValueError):
        repository_address(value)


def test_configuration_takes_the_address_from_repo_url(monkeypatch):
    monkeypatch.setenv("REPO_URL", REPO)
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        assert yaml_load(handle)["extra"]["report"]["repository"] == REPO
    monkeypatch.delenv("REPO_URL")
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        assert yaml_load(handle)["extra"]["report"]["repository"] == ""


def test_each_target_page_links_to_the_form_with_its_id(model):
    renderer = Renderer(model, report={"repository": REPO})
    for row in ("4.4", "7.1"):
        page = renderer.indicator_page("vi", f"indicators/{row.replace('.', '-')}.vi.md", row)
        link = page[page.index("(" + REPO):].split(")", 1)[0][1:]
        assert parse_qs(urlparse(link).query)["target"] == [row]
    page = renderer.indicator_page("en", "indicators/4-4.en.md", "4.4")
    link = page[page.index("(" + REPO):].split(")", 1)[0][1:]
    assert parse_qs(urlparse(link).query)["figure"][0].startswith("87.52% (as of 31 May 2025)")   # the figure shown
    assert REPO + "/issues/new?template=wrong-figure.yml)" in renderer.report_route("vi", "about/report.vi.md")


def test_without_a_repository_the_page_says_whom_to_write_to(model):
    renderer = Renderer(model, report={"repository": ""})
    page = renderer.indicator_page("vi", "indicators/5-2.vi.md", "5.2")
    tail = page[page.index("## Báo số liệu sai"):]
    assert "github.com" not in tail and "Sở Lao động - Thương binh và Xã hội" in tail
    assert "nay là Sở Nội vụ tỉnh Kiên Giang (tin ngày 24/2/2025)" in tail
    route = renderer.report_route("en", "about/report.en.md")
    assert "Department of Home Affairs of Kiên Giang province" in route
    with_contact = Renderer(model, report={"repository": "", "contact": "editors@example.org"})
    assert "[editors@example.org](mailto:editors@example.org)" in with_contact.report_route("vi", "about/report.vi.md")


def test_departments_show_who_answers_now_only_where_sourced(model):
    renderer = Renderer(model)
    for dept in model.catalogue.departments:
        since = dept.since_2025
        if since is not None:
            assert since.source in model.sources and (since.duties_source or since.source) in model.sources
        page = renderer.department_page("vi", f"departments/{dept.id}.vi.md", dept.id)
        assert "**Đơn vị kế hoạch ghi:** " + dept.name_vi in page
        if since and since.successor_vi:
            assert f"**Đơn vị trả lời hiện nay:** {since.successor_vi}" in page
        else:
            assert "**Đơn vị trả lời hiện nay:** Chưa có nguồn" in page
    table = renderer.departments_list("en", "departments/index.en.md")
    assert "Department of Home Affairs of Kiên Giang province (reported 24 February 2025)" in table
    assert "Not yet sourced" in table


def test_built_site_routes_reports_and_has_the_guide(built_site: Path):
    expect_link = bool(os.environ.get("REPO_URL"))
    for lang, prefix in (("vi", ""), ("en", "en/")):
        report = (built_site / prefix / "about" / "report" / "index.html").read_text(encoding="utf-8")
        target = (built_site / prefix / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
        if expect_link:
            assert "issues/new?template=wrong-figure.yml" in report and "target=4.4" in target
        else:
            assert "Sở Nội vụ tỉnh Kiên Giang" in report or "Department of Home Affairs" in report
            assert "departments/so-y-te/" in target.split('id="bao-loi"')[1]
        guide = (built_site / prefix / "about" / "maintain" / "index.html").read_text(encoding="utf-8")
        assert "scripts.maintain" in guide and "chính thức" in guide
