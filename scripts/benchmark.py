"""Measure the build and the published site; prints one table (and, in full mode, keeps it in
benchmarks/latest.md). It asserts nothing: timings vary by machine; the goals are in the table.

    python -m scripts.benchmark            full: 3 runs of each build, 10× synthetic data, Lighthouse
    python -m scripts.benchmark --short    1 run each, 2× synthetic data, no Lighthouse (run by the tests)

Everything is built in a temporary copy of the project (data, pages, theme, config), never in site/.
"Full build" means every page rendered again (build/mkdocs/ removed first); the caches keyed by content that a
checkout keeps from one build to the next (chart images, compiled theme templates, search entries by page HTML)
are kept, and the first build of a clean checkout, with no cache at all, is measured on its own row.
The plain build is Material building the same Markdown as the full build, once the macros have written it (kept
by the full build, macros/__init__.py), with the same theme and the macros plugin removed: what MkDocs and
Material cost for these pages, without our data, pages and steps.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from tracker.model import build_model
from tracker.progress import assess_all

from . import sitecost, synthetic
from .build import ROOT
from .charts import render_charts
from .build_date import source_date_epoch
from .serve import serve_in_background

SKIP = {".git", ".venv", ".tools", "node_modules", "site", "build", "benchmarks", "tests", "__pycache__",
        ".pytest_cache"}
# A measured build runs in a child process, so that its peak memory (with MkDocs' own child) is its own.
CHILD = ("import resource, sys; from pathlib import Path; from scripts.build import build; "
         "rc = build(Path(sys.argv[1]), Path(sys.argv[2]), root=Path(sys.argv[3])); "
         "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
         "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(rc)")
PAGES = {"home": "", "plan page": "plan/3-4-labour-market/", "target page": "indicators/4-4/"}
_PAGE_TYPES = {"home": "", "plan": "plan/", "group": "indicators/group-4/", "target": "indicators/4-4/",
               "department": "departments/so-y-te/"}
LIGHTHOUSE_PAGES = {f"{name} ({lang})": ("" if lang == "vi" else "en/") + path
                    for lang in ("vi", "en") for name, path in _PAGE_TYPES.items()}


def project_copy(dest: Path, data: Path | None = None) -> Path:
    """The project's files MkDocs reads (config, docs, theme, macros, data), copied to dest."""
    def ignored(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == ROOT  # site/, site.staging/ … only at the top: docs/assets/site.css is a page file
        return [n for n in names if n in SKIP and (top or n == "__pycache__") or top and (n.startswith("site.")
                                                                                      or n.endswith(".egg-info"))]

    shutil.copytree(ROOT, dest, ignore=ignored)
    if data is not None:
        shutil.rmtree(dest / "data")
        shutil.copytree(data, dest / "data")
    return dest


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """CPU seconds (user + system, of the command and its children) and wall seconds of one command. CPU time
    is the figure compared: wall time on a machine shared with other jobs says more about them than us."""
    cpu, wall = _cpu(), time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return _cpu() - cpu, time.perf_counter() - wall, result


def timed_build(root: Path, env: dict[str, str], full: bool = False) -> tuple[float, float, int]:
    """CPU and wall seconds (Python start-up included, as for the plain build) and peak memory in MB.
    full: every page rendered again (see the module's docstring)."""
    if full:
        shutil.rmtree(root / "build" / "mkdocs", ignore_errors=True)
    cpu, wall, result = _run([sys.executable, "-c", CHILD, str(root / "data"), str(root / "site"), str(root)],
                             cwd=ROOT, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {root}:\n{result.stderr[-3000:]}")
    return cpu, wall, int(result.stdout.split()[-1]) // 1024


def plain_config(root: Path) -> Path:
    """mkdocs.yml without the macros plugin (its block is every deeper-indented line after "- macros")."""
    lines, out, skipping = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), [], None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skipping is not None and (indent > skipping or not line.strip()):
            continue
        skipping = None
        if re.match(r"\s*- macros:?\s*$", line):
            skipping = indent
            continue
        out.append(line)
    path = root / "mkdocs-plain.yml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def plain_project(source: Path, markdown: Path, dest: Path) -> Path:
    """What a plain build reads (config, theme, pages) from a project, its pages replaced by the Markdown the
    macros wrote."""
    dest.mkdir(parents=True)
    shutil.copyfile(source / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "macros"):
        shutil.copytree(source / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for page in markdown.rglob("*.md"):
        shutil.copyfile(page, dest / "docs" / page.relative_to(markdown))
    return dest


def timed_plain_build(root: Path, env: dict[str, str]) -> tuple[float, float]:
    cpu, wall, result = _run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                              str(plain_config(root)), "--site-dir", str(root / "site-plain")], cwd=root, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"plain build failed:\n{result.stderr[-3000:]}")
    return cpu, wall


def _process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edit_to_visible(root: Path, env: dict[str, str], runs: range, timeout: float = 120
                    ) -> list[tuple[float, float]] | str:
    """`make serve`'s loop (scripts/serve.py) in root: for each change of `runs` (change_one_figure's series), wall
    seconds from saving a changed figure to the target page, fetched over HTTP, showing it; and the CPU seconds the
    server spent meanwhile (its rebuild). Each change is saved once the server is idle, as a maintainer would."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{PAGES['target page']}"
    server = subprocess.Popen([sys.executable, "-m", "scripts.serve", "--port", str(port)], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def page() -> bytes | None:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            return None

    def idle(deadline: float) -> None:
        """Until the server has used no CPU to speak of for a second and a half: built and warmed up (scripts/serve.py
        warm_up, ~2 s on a thread), and its last build's garbage collected (a second after the build). Measured
        from when it is idle, not after a fixed pause, which on a slow machine fell in the warm-up."""
        idle_since, last = time.monotonic(), _process_cpu(server.pid)
        while time.monotonic() - idle_since < 1.5 and time.monotonic() < deadline:
            time.sleep(0.25)
            now = _process_cpu(server.pid)
            if now - last > 0.05:   # busy: the file watcher alone uses a few ms a second
                idle_since = time.monotonic()
            last = now

    try:
        deadline = time.monotonic() + timeout
        while (before := page()) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                return "not measured: the server did not start"
            time.sleep(0.1)
        measured = []
        for run in runs:
            idle(time.monotonic() + timeout)
            cpu = _process_cpu(server.pid)
            change_one_figure(root / "data", run)
            saved = time.perf_counter()
            while (now := page()) in (before, None):
                if time.perf_counter() - saved > timeout:
                    return "not measured: the page did not change"
                time.sleep(0.05)
            measured.append((time.perf_counter() - saved, _process_cpu(server.pid) - cpu))
            before = now
        return measured
    finally:
        server.terminate()
        server.wait(timeout=30)


def change_one_figure(data: Path, run: int) -> None:
    """Change the first figure of data/observations/4.4.csv (or of the first file), as a maintainer would: by
    +0.01, -0.02, +0.03…, so that consecutive runs give new values (+0.01, -0.01, +0.02, -0.02…) and a chart
    drawn for one is never simply found in the cache by the next."""
    files = sorted((data / "observations").glob("*.csv"))
    path = next((f for f in files if f.name == "4.4.csv"), files[0])
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("value")
    step = 0.01 * (run + 1) * (1 if run % 2 == 0 else -1)
    rows[1][column] = f"{float(rows[1][column]) + step:.2f}"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _output(site: Path, data: Path) -> dict[str, int]:
    """What a build reads and writes: figures (lines of the observation files), HTML pages and their bytes."""
    pages = list(site.rglob("*.html"))
    figures = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1) for p in (data / "observations").glob("*.csv"))
    return {"figures": figures, "pages": len(pages), "html": sum(p.stat().st_size for p in pages)}


def _median(values: list[float]) -> float:
    return statistics.median(values)


def measure(work: Path, runs: int, times: int, years: int, with_lighthouse: bool) -> list[tuple[str, str, str]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    epoch = source_date_epoch(ROOT)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    real = project_copy(work / "real")
    markdown = work / "markdown"   # the Markdown the macros write, for the plain build (~20 ms of writing)
    first = timed_build(real, dict(env, PLAN219_KEEP_MARKDOWN=str(markdown)), full=True)  # a clean checkout: no cache
    plain_root = plain_project(real, markdown, work / "plain")
    full, plain, memory = [], [], []
    for _ in range(runs):  # alternate, so that both feel the same load on a shared machine
        cpu, wall, mb = timed_build(real, env, full=True)
        full.append((cpu, wall))
        memory.append(mb)
        plain.append(timed_plain_build(plain_root, env))
    one = []
    for run in range(runs):
        change_one_figure(real / "data", run)
        one.append(timed_build(real, env)[:2])
    nothing = timed_build(real, env)   # a new process, nothing changed: what any build in a new process costs
    # the next changes in the series: new values, a chart to draw each time
    visible = edit_to_visible(real, env, runs=range(runs, 2 * runs))

    big = project_copy(work / "synthetic", data=None)
    shutil.rmtree(big / "data")
    targets = synthetic.make(real / "data", big / "data", times=times, years=years)
    big_markdown = work / "synthetic-markdown"
    big_first = timed_build(big, dict(env, PLAN219_KEEP_MARKDOWN=str(big_markdown)), full=True)
    big_full = timed_build(big, env, full=True)
    big_plain = timed_plain_build(plain_project(big, big_markdown, work / "synthetic-plain"), env)
    change_one_figure(big / "data", 0)
    big_one = timed_build(big, env)
    sizes = {name: _output(root / "site", root / "data") for name, root in (("real", real), ("big", big))}
    shutil.rmtree(big)  # the synthetic pages are never kept, let alone published
    shutil.rmtree(work / "synthetic-plain")

    model = build_model(real / "data")
    started = time.process_time()
    assess_all(model)
    assess_cpu = time.process_time() - started
    charts = []
    for _ in ("cold", "warm"):  # rendering alone, into a fresh cache, then with it
        stats = render_charts(model, work / "charts")
        charts.append(f"{stats.seconds:.1f} s ({stats.rendered} drawn, {stats.cached} from the cache)")
    f, p, o = (_median([c for c, _ in x]) for x in (full, plain, one))
    fw, pw, ow = (_median([w for _, w in x]) for x in (full, plain, one))
    rows = [
        ("full build: every page rendered (CPU time; wall time in brackets)", f"{f:.1f} s ({fw:.1f} s), median of {runs}", ""),
        ("plain Material build of the same Markdown, same theme", f"{p:.1f} s ({pw:.1f} s); full build = {f / p:.2f}×",
         "full ≤ 1.5× plain"),
        ("rebuild after changing one figure, in a new process (`make build`)",
         f"{o:.1f} s ({ow:.1f} s) = {o / f:.2f}× full build", "≤ 0.3× full"),
        ("… of which any build in a new process costs (nothing changed: start, imports, validation, MkDocs' "
         "configuration and navigation)", f"{nothing[0]:.1f} s ({nothing[1]:.1f} s) = {nothing[0] / f:.2f}× full build", ""),
        ("rebuild after changing one figure, in `make serve` (its CPU from the figure saved to its page served "
         "changed; that wall time in brackets)",
         visible if isinstance(visible, str) else
         f"{_median([c for _, c in visible]):.2f} s ({_median([w for w, _ in visible]):.2f} s) = "
         f"{_median([c for _, c in visible]) / f:.2f}× full build, median of {len(visible)}", "≤ 0.3× full"),
        ("first build of a clean checkout (no cache: every chart drawn)", f"{first[0]:.1f} s ({first[1]:.1f} s)", ""),
        ("peak memory, real data (61 targets)", f"{max(memory)} MB", ""),
        ("charts alone, cold / warm cache (wall)", " / ".join(charts), ""),
        ("progress assessment of every target", f"{assess_cpu * 1000:.0f} ms", ""),
        (f"{times}× synthetic data ({targets} targets, {years} years each): full build",
         f"{big_full[0]:.1f} s ({big_full[1]:.1f} s) = {big_full[0] / f:.2f}× real; peak {big_full[2]} MB",
         f"≤ {times}× real"),
        (f"{times}× synthetic data: plain Material build of its Markdown",
         f"{big_plain[0]:.1f} s ({big_plain[1]:.1f} s) = {big_plain[0] / p:.2f}× real's plain; full build = "
         f"{big_full[0] / big_plain[0]:.2f}× plain (real: {f / p:.2f}×)", ""),
        (f"{times}× synthetic data: what it reads and writes, against the real data",
         "; ".join(f"{label} {sizes['big'][key]:,} = {sizes['big'][key] / max(1, sizes['real'][key]):.1f}×"
                   for label, key in (("figures", "figures"), ("HTML pages", "pages"), ("HTML bytes", "html")))
         + f"; build time per MB of HTML: {big_full[0] / (sizes['big']['html'] / 1e6):.2f} s "
           f"(real: {f / (sizes['real']['html'] / 1e6):.2f} s)", "per-row costs linear"),
        (f"{times}× synthetic data: first build, no cache (every chart drawn)",
         f"{big_first[0]:.1f} s ({big_first[1]:.1f} s) = {big_first[0] / first[0]:.2f}× real's first build", ""),
        (f"{times}× synthetic data: rebuild after changing one figure",
         f"{big_one[0]:.1f} s ({big_one[1]:.1f} s) = {big_one[0] / o:.2f}× real's", ""),
    ]
    rows += press_rows(real)
    server = serve_in_background(real / "site")
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        visits = sitecost.first_visits(base, PAGES)
        for name, got in visits.items():
            rows.append((f"first visit, {name} (gzip, everything counted)",
                         f"{got['bytes'] / 1000:.0f} kB in {got['requests']} requests",
                         "≤ 100 kB" if name == "target page" else ""))
        got = visits["target page"]
        rows.append(("added by a first search (target page)",
                     f"{got['search_bytes'] / 1000:.0f} kB in {got['search_requests']} requests", "nothing before"))
        if with_lighthouse:
            for name, path in LIGHTHOUSE_PAGES.items():
                for desktop in (False, True):
                    scores = sitecost.lighthouse(base + path, desktop)
                    rows.append((f"Lighthouse {name} ({'desktop' if desktop else 'mobile'}) P/A/BP/SEO",
                                 " / ".join(str(scores[c]) for c in sitecost.CATEGORIES), "100 each"))
    finally:
        server.shutdown()
    return rows


def press_rows(real: Path) -> list[tuple[str, str, str]]:
    """Issue 10: the change log read from git, and the downloads and feeds the build publishes."""
    from tracker.changelog import from_git
    started = time.perf_counter()
    changes = from_git(ROOT / "data" / "observations")
    site = real / "site"
    files = [p for p in (site / "data").rglob("*") if p.is_file()]
    feed = site / "feed.xml"
    return [
        ("change log from git", f"{len(changes)} changes in {time.perf_counter() - started:.2f} s", ""),
        ("downloads", f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e3:.0f} kB "
                      f"(plan219.xlsx {(site / 'data' / 'plan219.xlsx').stat().st_size / 1e3:.0f} kB)", ""),
        ("feed.xml", f"{feed.read_text(encoding='utf-8').count('<entry>')} entries, {feed.stat().st_size / 1e3:.0f} kB", ""),
    ]


def table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| measure | result | goal |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", action="store_true", help="one run each, 2× synthetic data, no Lighthouse")
    parser.add_argument("--out", type=Path, help="also write the table here (full mode: benchmarks/latest.md)")
    args = parser.parse_args(argv)
    runs, times, years = (1, 2, 5) if args.short else (3, 10, 15)
    lighthouse = not args.short and sitecost.lighthouse_available()
    out = args.out or (None if args.short else ROOT / "benchmarks" / "latest.md")
    with tempfile.TemporaryDirectory(prefix="plan219-bench-") as tmp:
        rows = measure(Path(tmp), runs, times, years, lighthouse)
    if not args.short and not lighthouse:
        rows.append(("Lighthouse", "not run: `make lighthouse` installs it", ""))
    text = table(rows)
    print(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        out.write_text(f"# Benchmark ({'short' if args.short else 'full'} run, {stamp}, {os.cpu_count()} cores)\n\n"
                       f"Written by `python -m scripts.benchmark`.\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
