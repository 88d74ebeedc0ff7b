"""Issue 10, for the press and data users: the citation, the change log and its feed, the downloads
and the data package, the permanent links, share tags and the annual report."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import feedparser
import pytest
from frictionless import validate
from openpyxl import load_workbook

from tracker.changelog import from_git, has_full_history, load_changes, next_report_due
from tracker.citation import cite
from tracker.downloads import xlsx
from tracker.feed import atom
from tracker.model import build_model
from tracker.problems import Problems

from .conftest import DATA, ROOT

SITE = "https://example.org/plan219/"
CHANGED = date(2026, 11, 29)


@pytest.fixture(scope="module")
def model():
    return build_model(DATA)


# --- the citation ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, expected", [
    ("vi", ["Tỉ lệ lao động qua đào tạo", "trên 72\u00a0% (2023", "Mục tiêu 2030: ≥\u00a080\u00a0%", "Tiến độ: chưa đạt",
            "Nguồn: Diễn đàn Doanh nghiệp", "cập nhật số liệu chỉ tiêu này ngày 29/11/2026", f"{SITE}t/3-1/"]),
    ("en", ["Share of workers who have had training", "more than 72% (2023", "2030 target: ≥\u00a080%", "Status: off track",
            "Source: Diễn đàn Doanh nghiệp", "last changed on this site on 29 November 2026", f"{SITE}en/t/3-1/"]),
])
def test_citation_of_a_figure_with_a_qualifier(model, lang, expected):
    status = "chưa đạt" if lang == "vi" else "off track"
    citation = cite(model, model.catalogue.indicator("3.1"), lang, SITE, CHANGED, status)
    for words in expected:
        assert words in citation.long, words
    assert ("trên 72" if lang == "vi" else "more than 72%") in citation.short
    assert citation.permalink in citation.short


@pytest.mark.parametrize("lang, own, newer", [
    ("vi", "87,52\u00a0% (tính đến 31/5/2025)", "Số liệu mới hơn: 88\u00a0% (9 tháng đầu năm 2025; theo nguồn tin; An Giang (mới))"),
    ("en", "87.52% (as of 31 May 2025)", "A newer figure: 88% (first nine months of 2025; as reported; merged An Giang)"),
])
def test_citation_of_a_target_whose_newest_figure_is_across_a_break(model, lang, own, newer):
    citation = cite(model, model.catalogue.indicator("4.4"), lang, SITE, CHANGED)
    assert own in citation.long and newer in citation.long
    assert citation.long.index(own) < citation.long.index(newer)  # the target's own basis comes first
    assert "Báo Lao Động" in citation.long and "Vietnam.vn" in citation.long
    assert own.split(" (")[0] in citation.short and "88" not in citation.short


@pytest.mark.parametrize("lang, words", [("vi", ["Chưa có số liệu", "Mục tiêu 2030: <\u00a04\u00a0%", "chưa ghi nhận"]),
                                         ("en", ["No data yet", "2030 target: <\u00a04%", "No change"])])
def test_citation_of_a_target_with_no_data(model, lang, words):
    assert not model.observations_of(model.catalogue.indicator("2.2"))
    citation = cite(model, model.catalogue.indicator("2.2"), lang, SITE, None)
    for word in words:
        assert word in citation.long, word
    assert "Nguồn" not in citation.long and "Source" not in citation.long
    assert citation.short.endswith(f"({citation.permalink})")


def test_next_figure_is_expected_with_the_annual_report_before_15_november():
    assert next_report_due(date(2026, 11, 29)) == date(2027, 11, 15)
    assert next_report_due(date(2026, 3, 1)) == date(2026, 11, 15)


# --- the change log and its feed ------------------------------------------------------------------

def _git(repo: Path, *args: str, when: str = "2027-01-02T08:00:00+07:00") -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A test repository holding a copy of data/, one commit, then one changed figure."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "data")
    _git(repo, "commit", "-qm", "data", when="2026-12-01T10:00:00+07:00")
    path = repo / "data" / "observations" / "4.4.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-05-31,87.52,", "2025-05-31,87.6,"), encoding="utf-8")
    _git(repo, "commit", "-qam", "4.4: corrected figure")
    return repo


def test_the_feed_lists_a_change_made_in_a_test_repository(repo: Path):
    model = build_model(repo / "data")
    latest = [c for c in model.changes if c.when.year == 2027]
    assert [(c.id, c.period, c.before.value, c.after.value) for c in latest] == [("4.4", "2025-05-31", "87.52", "87.6")]
    for lang, words in (("vi", "87,52\u00a0% → 87,6\u00a0%"), ("en", "87.52% → 87.6%")):
        parsed = feedparser.parse(atom(model, lang, SITE))
        assert not parsed.bozo, parsed.bozo_exception
        first = parsed.entries[0]
        assert "4.4." in first.title and words in first.title
        assert first.link == SITE + ("" if lang == "vi" else "en/") + "indicators/4-4/#2025-05-31"
        assert tuple(first.updated_parsed[:4]) == (2027, 1, 2, 1)  # 08:00 in Vietnam (UTC+7)
        assert parsed.feed.updated.startswith("2027-01-02")
        assert len(parsed.entries) == len(model.changes)


def test_the_change_log_is_kept_until_a_commit_touches_the_figures(repo: Path):
    observations = repo / "data" / "observations"
    first = from_git(observations)
    assert (repo / "build" / "changelog-cache.json").is_file()
    assert from_git(observations) == first                       # read back from build/
    (repo / "README.md").write_text("elsewhere\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    _git(repo, "commit", "-qm", "not the figures", when="2027-02-01T08:00:00+07:00")
    assert from_git(observations) == first
    path = observations / "4.4.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-05-31,87.6,", "2025-05-31,87.7,"), encoding="utf-8")
    _git(repo, "commit", "-qam", "4.4 again", when="2027-03-01T08:00:00+07:00")
    again = from_git(observations)
    assert again[:-1] == first and (again[-1].before.value, again[-1].after.value) == ("87.6", "87.7")


def test_a_shallow_clone_reads_the_committed_change_log(repo: Path, tmp_path: Path):
    assert subprocess.run([sys.executable, "-m", "scripts.changelog", "--data", str(repo / "data")], cwd=ROOT,
                          capture_output=True).returncode == 0
    from_history = from_git(repo / "data" / "observations")
    assert {c.when.year for c in from_history} == {2026, 2027}
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    assert {c.when.year for c in from_git(shallow / "data" / "observations")} == {2027}  # depth 1 dates all to the last commit
    assert not has_full_history(shallow / "data" / "observations")
    shutil.copyfile(repo / "data" / "changes.yaml", shallow / "data" / "changes.yaml")
    assert load_changes(shallow / "data", Problems(root=shallow)) == from_history


def test_a_broken_change_log_is_a_located_data_error(data_copy: Path):
    (data_copy / "changes.yaml").write_text("- id: '4.4'\n  period: 2025\n  when: yesterday\n", encoding="utf-8")
    problems = Problems(root=data_copy)
    assert load_changes(data_copy, problems) == []
    text = problems.render()
    assert "changes.yaml:3" in text and "yesterday" in text


def test_the_committed_change_log_is_written_by_the_command():
    text = (DATA / "changes.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Changes to the figures")
    assert "- id: '4.4'\n  period: '2025-05-31'\n" in text


# --- downloads -----------------------------------------------------------------------------------

def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value == int(value) else repr(value)
    return str(value)


def test_every_download_parses_and_matches_the_published_csv(built_site: Path):
    data = built_site / "data"
    observations = _csv(data / "observations.csv")
    indicators = _csv(data / "indicators.csv")
    assert observations and len(indicators) == 61
    # one CSV per target, same header, together the whole file
    per_target = []
    for row in indicators:
        path = data / "targets" / f"{row['id'].replace('.', '-')}.csv"
        assert path.read_text(encoding="utf-8").splitlines()[0] == (data / "observations.csv").read_text(
            encoding="utf-8").splitlines()[0]
        per_target += _csv(path)
    assert sorted(map(tuple, (r.values() for r in per_target))) == sorted(map(tuple, (r.values() for r in observations)))
    # JSON: same records, numbers as numbers
    for name, rows in (("observations", observations), ("indicators", indicators)):
        records = json.loads((data / f"{name}.json").read_text(encoding="utf-8"))
        assert [{k: _as_text(v) for k, v in r.items()} for r in records] == rows
    assert all(isinstance(r["value"], float) for r in json.loads((data / "observations.json").read_text()))
    # XLSX: each table under English and Vietnamese headers, same cells
    book = load_workbook(data / "plan219.xlsx")
    for sheet, vi_sheet, rows in (("observations", "so_lieu", observations), ("indicators", "chi_tieu", indicators)):
        for name in (sheet, vi_sheet):
            values = list(book[name].iter_rows(values_only=True))
            assert len(values) == len(rows) + 1
            assert [[_as_text(v) for v in line] for line in values[1:]] == [list(r.values()) for r in rows]
        assert list(book[sheet].iter_rows(values_only=True))[0] == tuple(rows[0])
        assert list(book[vi_sheet].iter_rows(values_only=True))[0][:3] in (("Mã chỉ tiêu", "Kỳ", "Giá trị"),
                                                                            ("Mã chỉ tiêu", "Nhóm", "Tên chỉ tiêu (tiếng Việt)"))
    described = {(r[0].split(" / ")[0], r[1]) for r in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert described == {("observations", c) for c in observations[0]} | {("indicators", c) for c in indicators[0]}


def test_xlsx_keeps_ids_and_periods_as_text_and_numbers_as_numbers(built_site: Path):
    book = load_workbook(built_site / "data" / "plan219.xlsx")
    ids = {row[0].value: row[0] for row in book["indicators"].iter_rows(min_row=2)}
    assert ids["7.10"].data_type == "s" and ids["7.10"].value == "7.10"
    periods = {row[1].value: row for row in book["observations"].iter_rows(min_row=2)}
    cell = periods["2020-10"][1]
    assert cell.data_type == "s" and cell.number_format == "@"
    assert periods["2020-10"][2].data_type == "n" and periods["2020-10"][2].value == 1.91


def test_xlsx_text_cells_cannot_be_formulas(data_copy: Path):
    path = data_copy / "observations" / "4.4.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('2024,80,,official,official-report,vietnam-vn-bhxh-2025,,,"=HYPERLINK(""http://evil.example"",""x"")",,\n')
    model = build_model(data_copy)
    book = load_workbook(io.BytesIO(xlsx(model, model.built_at)))
    for sheet in ("observations", "so_lieu"):
        hostile = [c for row in book[sheet].iter_rows(min_row=2) for c in row if "HYPERLINK" in str(c.value)]
        assert hostile and all(c.data_type == "s" and c.value.startswith("'=") for c in hostile)


def test_the_frictionless_validator_accepts_the_data_package(built_site: Path, tmp_path: Path):
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    published = {p.relative_to(built_site / "data").as_posix() for p in (built_site / "data").rglob("*")
                 if p.is_file() and p.name != "datapackage.json"}
    assert paths == published
    report = validate(str(built_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])[:5]
    # the check can fail: a file that no longer matches its description is refused
    copy = tmp_path / "data"
    shutil.copytree(built_site / "data", copy)
    (copy / "targets" / "4-4.csv").write_text("id,period\n4.4,2025\n", encoding="utf-8")
    assert not validate(str(copy / "datapackage.json")).valid


# --- pages ---------------------------------------------------------------------------------------

def test_target_page_has_the_citation_dates_link_and_download(built_site: Path):
    page = (built_site / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
    assert 'id="trich-dan"' in page and 'id="cite-long"' in page and 'id="cite-short"' in page
    assert "Số liệu tiếp theo dự kiến" in page and "15/11/" in page
    assert 'href="../../data/targets/4-4.csv"' in page and 'href="../../t/4-4/"' in page
    en = (built_site / "en" / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
    assert 'id="trich-dan"' in en and "Cite this figure" in en and 'href="../../../data/targets/4-4.csv"' in en
    assert "Next figure expected" in en


def test_short_permanent_links_lead_to_the_target_page_in_each_language(built_site: Path):
    for prefix in ("", "en/"):
        short = (built_site / prefix / "t" / "7-10" / "index.html").read_text(encoding="utf-8")
        assets = "../../assets/" if not prefix else "../../../assets/"
        assert 'url=../../indicators/7-10/"' in short and f'<script src="{assets}redirect.js">' in short
        assert "<script>" not in short  # no inline script (the Content-Security-Policy forbids it)
        assert (built_site / "assets" / "redirect.js").read_text(encoding="utf-8").count("location.hash") == 1
        assert (built_site / prefix / "indicators" / "7-10" / "index.html").is_file()


def test_feed_and_changes_page_are_published(built_site: Path):
    for prefix in ("", "en/"):
        parsed = feedparser.parse((built_site / prefix / "feed.xml").read_bytes())
        assert not parsed.bozo and parsed.entries
        assert (built_site / prefix / "about" / "changes" / "index.html").is_file()


def test_annual_report_pages_reproduce_the_appendix_with_latest_figures(built_site: Path):
    page = (built_site / "report" / "2025" / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr>") >= 61 + 10
    assert "87,52\u00a0%" in page and "tính đến 31/5/2025" in page and "Chưa có số liệu" in page
    older = (built_site / "en" / "report" / "2024" / "index.html").read_text(encoding="utf-8")
    assert "87.52%" not in older and "1.28%" in older  # a 2025 figure is not in the 2024 report


def test_titles_canonical_and_language_alternates(built_site: Path):
    import re
    title = re.search(r"<title>(.*?)</title>", (built_site / "en" / "index.html").read_text(encoding="utf-8")).group(1)
    assert title == "Tracking Plan 219/KH-UBND"
    page = (built_site / "en" / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/en/indicators/4-4/">' in page
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") >= 2 * 61
    assert ('<xhtml:link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/indicators/4-4/"/>' in sitemap)


def test_every_feed_link_leads_to_a_figure_on_its_page(built_site: Path):
    from urllib.parse import urlparse
    parsed = feedparser.parse((built_site / "en" / "feed.xml").read_bytes())
    anchored = [e.link for e in parsed.entries if "#" in e.link]
    assert anchored
    for link in anchored:
        path, _, fragment = urlparse(link).path, None, urlparse(link).fragment
        page = (built_site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f'id="{fragment}"' in page, link


@pytest.mark.parametrize("lang, word", [("vi", "Tiến độ"), ("en", "Status")])
def test_citation_and_share_description_state_the_progress_status(model, monkeypatch, lang, word):
    from tracker.share import share_meta
    from tracker import formatting as fmt
    from tracker.citation import progress_status
    from tracker.progress import assess
    ind = model.catalogue.indicator("4.4")
    key = "progress." + assess(model, ind).status
    labels = dict(fmt._labels())
    labels.setdefault(key, {"vi": "nhãn tiến độ", "en": "progress label"})  # until issue 7's labels are merged
    monkeypatch.setattr(fmt, "_labels", lambda: labels)
    status = progress_status(model, ind, lang)
    assert status == labels[key][lang]
    assert f"{word}: {status}." in cite(model, ind, lang, SITE, CHANGED, status).long
    assert f"{word}: {status}." in share_meta(model, ind, lang)["description"]


def test_share_tags_escape_hostile_names(data_copy: Path, tmp_path: Path):
    """A name or figure from a data file cannot break out of a share tag or reach a template engine."""
    path = data_copy / "catalogue" / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    name = "Tỉ lệ dân số tham gia bảo hiểm y tế"
    assert name in text
    path.write_text(text.replace(name, "'Tỉ lệ \"BHYT\" <b>{{ 7*7 }}</b>'", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "scripts.build", "--data", str(data_copy), "--site", str(site)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    html = (site / "indicators" / "4-4" / "index.html").read_text(encoding="utf-8")
    import re
    tags = re.findall(r'<meta (?:property|name)="(?:og|twitter):[^>]*>', html)
    assert len(tags) >= 10 and all(t.count('"') == 4 for t in tags), tags
    assert any("&quot;BHYT&quot;" in t for t in tags)
    assert "49" not in " ".join(tags) and "<b>" not in " ".join(tags)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith("4.4. Tỉ lệ \"BHYT\" &lt;b&gt;") and "49" not in title


def test_every_published_column_is_described_in_both_languages(model):
    from tracker.downloads import column_doc, tables
    for table, (columns, _rows) in tables(model).items():
        for column in columns:
            header_vi, vi, en, kind = column_doc(table, column)
            assert header_vi != column and vi and en and kind in ("string", "number"), (table, column)


def test_share_image_is_the_chart_or_the_site_card(built_site: Path):
    import re
    for slug, image in (("4-4", "charts/4-4.en.png"), ("2-2", "assets/share.png")):
        html = (built_site / "en" / "indicators" / slug / "index.html").read_text(encoding="utf-8")
        url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
        assert url == "http://127.0.0.1:8000/" + image
        assert (built_site / image).is_file()
