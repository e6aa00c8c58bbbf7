"""Interrupted builds and repeatability (issue 8).

A build can be killed at any moment (CI cancels, a laptop sleeps, the OOM
killer). ``output.write_tree`` writes each file to a temporary dotfile and
``os.replace``-s it, writes only changed files and prunes stale ones, so after
SIGKILL every page under docs/ is either the previous version or the new one
— never half-written — and the next build completes and equals a clean build.

* ``test_a_build_killed_at_random_moments_…``: a generated corpus of a few
  thousand papers, changed (new abstracts, papers removed, added, retitled),
  built in a subprocess that is SIGKILLed after seeded random delays counted
  from the moment it starts writing.
* ``test_a_build_killed_at_the_worst_moments_…``: the generator in a child
  process whose ``os.replace``/``os.fdopen``/``os.unlink`` SIGKILL it exactly
  at the Nth temp-file rename, halfway through the Nth write, or at the Nth
  stale-file removal.
* Byte-identical builds whatever the hash seed, the order files were created
  or listed in, their mtimes, the time zone and the clock.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.hostile import VALID
from support.project import HAND_WRITTEN, ROOT, Project, make_site_project, write_sources

PAPERS = 2000
SEED = 8
WORDS = ("graph neural network segmentation diffusion pruning sparse attention transformer language speech "
         "robot policy reward vision detection pose point cloud theory kernel convergence quantum molecule "
         "protein federated privacy adversarial robust causal contrastive retrieval compiler hardware").split()

def corpus(n: int, version: str, files: int = 6) -> dict[str, str]:
    """``n`` papers as paper listings (title line, abstract line), spread over ``files`` files.

    Version "B" changes every abstract, drops every 20th paper, retitles every
    25th and adds 5% new ones, so a build from A to B rewrites, removes and adds pages.
    """
    rng = random.Random(SEED)
    parts: list[list[str]] = [[] for _ in range(files)]
    total = n + (n // 20 if version == "B" else 0)
    for i in range(total):
        words = [rng.choice(WORDS) for _ in range(40)]
        if version == "B" and i < n and i % 20 == 0:
            continue
        title = f"Study {i} of {' '.join(words[:5])}"
        if version == "B" and i % 25 == 1:
            title = f"Retitled study {i} of {' '.join(words[:4])}"
        abstract = (f"We examine {' '.join(words[5:22])} in setting {version}. "
                    f"We find that {' '.join(words[22:])} works.")
        parts[i % files].append(f"{title}\n{abstract}\n")
    return {f"part-{k}.txt": "\n".join(p) for k, p in enumerate(parts)}


def generator_cmd(project: Project, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(project.root), *args]


def is_hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def check_tree(project: Project, old: dict[str, bytes], new: dict[str, bytes]) -> list[str]:
    """Every visible generated file is the old or the new version; returns the hidden leftovers."""
    leftovers = []
    for rel, data in project.generated().items():
        if is_hidden(rel):
            assert rel.rsplit("/", 1)[-1].startswith(".tmp-"), f"unexpected hidden file {rel}"
            leftovers.append(rel)
            continue
        assert rel in old or rel in new, f"{rel}: neither the previous build's nor the new one's"
        assert data in (old.get(rel), new.get(rel)), f"{rel}: half-written or mixed ({len(data)} bytes)"
    return leftovers


def visible_files(files: dict[str, bytes]) -> dict[str, bytes]:
    return {rel: data for rel, data in files.items() if not is_hidden(rel)}


def snapshot(project: Project) -> Path:
    saved = project.root / "docs-before"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(project.docs, saved)
    return saved


def restore(project: Project, saved: Path) -> None:
    shutil.rmtree(project.docs)
    shutil.copytree(saved, project.docs)


def _mtimes(project: Project) -> list[int]:
    return [os.stat(d).st_mtime_ns if d.exists() else 0
            for d in (project.docs, *(project.docs / f for f in ("papers", "tags", "topics")))]


def build_killed_after(project: Project, delay: float | None, timeout: float = 300) -> tuple[bool, float, float]:
    """Run a build; SIGKILL it ``delay`` s after it starts writing (None: let it finish).

    Returns (killed, seconds until the first write, seconds until it ended).
    """
    before = _mtimes(project)
    start = time.monotonic()
    proc = subprocess.Popen(generator_cmd(project, "build"), cwd=ROOT, env=project.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while proc.poll() is None and _mtimes(project) == before:
            assert time.monotonic() - start < timeout, "the build neither wrote nor ended"
            time.sleep(0.0005)
        first = time.monotonic() - start
        if delay is None:
            proc.wait(timeout=timeout)
        else:
            time.sleep(delay)
        killed = proc.poll() is None
        proc.kill()
        proc.wait(timeout=30)
        if not killed:
            assert proc.returncode == 0, proc.stderr.read().decode()[-2000:]
        return killed, first, time.monotonic() - start
    finally:
        proc.stderr.close()
        if proc.poll() is None:
            proc.kill()


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A project built from corpus A, sources already switched to B; the A and B trees."""
    base = tmp_path_factory.mktemp("interrupt")
    project = make_site_project(base / "work", corpus(PAPERS, "A"), site=False)
    out = project.generator("build")
    assert out.returncode == 0, out.stderr
    old = project.generated()
    reference = make_site_project(base / "clean", corpus(PAPERS, "B"), site=False)
    new = _clean_build(reference, *_given(project))  # a clean build of B, from an empty docs/
    for rel in old:  # the sources were written after the build: nothing else is hidden yet
        assert not is_hidden(rel), rel
    changed = [rel for rel in new if old.get(rel) != new[rel]]
    assert len(changed) > PAPERS * 0.9 and len(set(old) - set(new)) >= PAPERS // 25, "corpus B changes too little"
    for name in list(project.sources.iterdir()):
        name.unlink()
    write_sources(project.root, corpus(PAPERS, "B"))
    return project, old, new


def test_a_build_killed_at_random_moments_leaves_old_or_new_pages_and_recovers(big):
    project, old, new = big
    saved = snapshot(project)
    # Calibrate: how long, from its first write, does the build write?
    killed, first, end = build_killed_after(project, None)
    assert not killed
    assert visible_files(project.generated()) == new  # an incremental build equals a clean one
    window = max(end - first, 0.05)
    rng = random.Random(SEED)
    delays = sorted(rng.uniform(0, window) for _ in range(4))
    outcomes = []
    for delay in delays:
        restore(project, saved)
        killed, _, _ = build_killed_after(project, delay)
        leftovers = check_tree(project, old, new)
        written = sum(1 for rel, data in project.generated().items()
                      if not is_hidden(rel) and data == new.get(rel) and data != old.get(rel))
        outcomes.append((round(delay, 3), killed, written, len(leftovers)))
    # At least one kill landed while pages were being replaced.
    assert any(killed and 0 < written for _, killed, written, _ in outcomes), outcomes
    print("kills (delay s, killed, pages already new, temp files left):", outcomes)
    # The next build completes and equals a clean build, byte for byte; stale pages are gone.
    out = project.generator("build")
    assert out.returncode == 0, out.stderr
    after = project.generated()
    assert visible_files(after) == new
    assert [rel for rel in after if "/" in rel and is_hidden(rel)] == []  # no temp file left in an owned folder


_KILLER = r"""
import os, signal, sys
point, n = sys.argv[1], int(sys.argv[2])
state = {"count": 0}

def hit():
    state["count"] += 1
    return state["count"] == n

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counted(path):  # a file of docs/, not an entry of .cache/ (saved through the same writer)
    return f"{os.sep}.cache{os.sep}" not in str(path)

if point == "replace":  # the temp file is complete, the rename has not happened
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if os.path.basename(str(src)).startswith(".tmp-") and counted(src) and hit():
            die()
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace
elif point == "write":  # half of the page is in the temp file
    real_fdopen = os.fdopen
    class Half:
        def __init__(self, f):
            self.f = f
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.f.__exit__(*exc)
        def write(self, data):
            if hit():
                self.f.write(data[: len(data) // 2])
                self.f.flush()
                die()
            return self.f.write(data)
        def __getattr__(self, name):
            return getattr(self.f, name)
    def fdopen(fd, *args, **kwargs):
        f = real_fdopen(fd, *args, **kwargs)
        return Half(f) if counted(os.readlink(f"/proc/self/fd/{fd}")) else f
    os.fdopen = fdopen
elif point == "unlink":  # pruning stale pages
    real_unlink = os.unlink
    def unlink(path, *args, **kwargs):
        if hit():
            die()
        return real_unlink(path, *args, **kwargs)
    os.unlink = unlink
from generator.cli import main
sys.exit(main(sys.argv[3:]))
"""


def build_killed_at(project: Project, point: str, n: int) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-c", _KILLER, point, str(n), "--root", str(project.root), "build"],
                         cwd=ROOT, env=project.env(), capture_output=True, text=True, timeout=300)
    assert out.returncode == -signal.SIGKILL, (
        f"the build was not killed at {point} #{n} (exit {out.returncode}): does output.write_atomic "
        f"still use os.fdopen and os.replace, and write_tree os.unlink?\n{out.stderr[-2000:]}")
    return out


@pytest.fixture(scope="module")
def small_template(tmp_path_factory):
    """A site project built from a small corpus A, sources switched to B; built once."""
    base = tmp_path_factory.mktemp("small")
    project = make_site_project(base / "small", corpus(60, "A"), site=True)
    assert project.generator("build").returncode == 0
    old = project.generated()
    reference = make_site_project(base / "clean", corpus(60, "B"), site=True)  # same settings (mkdocs.yml) as the project it is compared with
    new = _clean_build(reference, *_given(project))
    for name in list(project.sources.iterdir()):
        name.unlink()
    write_sources(project.root, corpus(60, "B"))
    changed = sorted(rel for rel in new if old.get(rel) != new[rel])  # write_tree writes in sorted order
    stale = sorted(set(old) - set(new))
    return project, old, new, changed, stale


@pytest.fixture()
def small(small_template, tmp_path):
    """A fresh copy of the small project for one test."""
    template, old, new, changed, stale = small_template
    shutil.copytree(template.root, tmp_path / "small", symlinks=True)
    return Project(tmp_path / "small"), old, new, changed, stale


def _nth(changed: list[str], prefix: str, middle: bool = True) -> tuple[int, str]:
    """(n, path): the middle (or first) changed file whose path starts so, as the nth write."""
    hits = [i for i, rel in enumerate(changed) if rel.startswith(prefix) and (prefix or "/" not in rel)]
    assert hits, prefix
    i = hits[len(hits) // 2] if middle else hits[0]
    return i + 1, changed[i]


@pytest.mark.parametrize("point,where", [("replace", "papers/"), ("write", "papers/"), ("replace", "tags/"),
                                         ("write", "topics/"), ("unlink", "papers/")])
def test_a_build_killed_at_the_worst_moments_leaves_old_or_new_pages(small, point, where):
    project, old, new, changed, stale = small
    if point == "unlink":
        n, rel = 2, stale[1]
        assert len(stale) >= 3 and all(r.startswith(where) for r in stale[:3])
    else:
        n, rel = _nth(changed, where)
    build_killed_at(project, point, n)
    leftovers = check_tree(project, old, new)
    folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
    if point in ("replace", "write"):
        # The file being written when the build died: still the old version, its temp file beside it.
        assert (project.docs / rel).read_bytes() == old[rel] if rel in old else not (project.docs / rel).exists()
        tmp = [t for t in leftovers if t.rsplit("/", 1)[0] == folder]
        assert len(tmp) == 1, leftovers
        partial = (project.docs / tmp[0]).read_bytes()
        assert new[rel].startswith(partial) and (partial == new[rel]) == (point == "replace")
        # Files written before it are complete and new; the ones after are untouched.
        now = project.generated()
        assert [r for r in changed[: n - 1] if now.get(r) != new[r]] == []
        assert [r for r in changed[n:] if now.get(r) != old.get(r)] == []
    else:
        # Every page is new; pruning stopped after removing one stale page.
        assert [r for r in changed if (project.docs / r).read_bytes() != new[r]] == []
        assert sum((project.docs / r).exists() for r in stale) == len(stale) - 1
    # MkDocs would not publish the leftover: dotfiles are excluded from its files.
    assert not published_leftovers(project)
    # The next build completes, equals a clean build and removes the temp files of owned folders.
    out = project.generator("build")
    assert out.returncode == 0, out.stderr
    after = project.generated()
    assert visible_files(after) == new
    assert [t for t in after if is_hidden(t) and "/" in t] == []


def published_leftovers(project: Project) -> list[str]:
    """Files under docs/ whose name is a temp file's and that MkDocs would put in the site."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.root / "site-unused"))
    files = get_files(config)
    return [f.src_uri for f in files if ".tmp-" in f.src_uri and f.inclusion.is_included()]


def test_mkdocs_never_publishes_a_leftover_temp_file(small):
    project, old, new, changed, stale = small
    n_root, rel_root = _nth(changed, "", middle=False)
    build_killed_at(project, "replace", n_root)  # leaves docs/.tmp-* beside a top-level file
    n_page, rel_page = _nth(changed, "papers/")
    build_killed_at(project, "write", n_page)  # leaves a half-written docs/papers/.tmp-*
    leftovers = check_tree(project, old, new)
    assert any("/" not in t for t in leftovers) and any(t.startswith("papers/") for t in leftovers), leftovers
    assert published_leftovers(project) == []
    out = project.mkdocs_build()
    assert out.returncode == 0, out.stderr[-3000:]
    assert [p for p in project.site.rglob("*") if ".tmp-" in p.name] == []
    assert visible_files(project.generated()) == new  # the hook's build recovered docs/ too


def test_the_next_build_removes_a_temp_file_left_beside_a_top_level_page(small):
    project, old, new, changed, stale = small
    n, rel = _nth(changed, "", middle=False)
    assert "/" not in rel
    build_killed_at(project, "replace", n)
    assert [t for t in check_tree(project, old, new) if "/" not in t], "the kill left no top-level temp file"
    assert project.generator("build").returncode == 0
    assert [t for t in project.generated() if is_hidden(t)] == []


# --- repeatability -------------------------------------------------------------------

def _repeat_sources() -> dict[str, str]:
    found = corpus(200, "A", files=4)
    found.update({f"hostile/{p.name}": p.read_text(encoding="utf-8") for p in VALID})
    return found


def _given(built: Project) -> tuple[str, ...]:
    """What a clean build of B is given to equal an incremental one: the ledger the build of A
    published (issue 25), so both keep the ids A published for retitled papers."""
    return ("--published", str(built.docs / "permalinks.json"))


def _clean_build(project: Project, *args: str, **env: str) -> dict[str, bytes]:
    """A build from a docs/ holding only the hand-written pages (the home page links About
    where docs/about.md is)."""
    for path in (project.docs.iterdir() if project.docs.is_dir() else ()):
        if path.name in HAND_WRITTEN:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    out = subprocess.run(generator_cmd(project, "build", *args), cwd=ROOT, env=project.env(**env),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    files = project.generated()
    assert "papers.json" in files and any(rel.startswith("papers/") for rel in files)
    return files


def test_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    project = make_site_project(tmp_path, _repeat_sources(), site=False)
    first = _clean_build(project, PYTHONHASHSEED="0")
    for seed in ("4242", "random"):
        assert _clean_build(project, PYTHONHASHSEED=seed) == first, seed


def test_builds_are_byte_identical_whatever_the_file_order_times_and_clock(tmp_path):
    sources = _repeat_sources()
    forward = make_site_project(tmp_path / "forward", {}, site=False)
    for name in sorted(sources):
        write_sources(forward.root, {name: sources[name]})
    backward = make_site_project(tmp_path / "backward", {}, site=False)
    for n, name in enumerate(sorted(sources, reverse=True)):
        write_sources(backward.root, {name: sources[name]})
        os.utime(backward.sources / name, (10**9 + n * 86400, 10**9 + n * 86400))  # 2001, in the other order
    first = _clean_build(forward, TZ="UTC", LC_ALL="C")
    time.sleep(1.1)  # another second on the clock
    listed = [str(backward.sources / name) for name in sorted(sources, key=lambda s: s[::-1])]
    second = _clean_build(backward, *listed, TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8")
    assert second.keys() == first.keys()
    assert [rel for rel in first if first[rel] != second[rel]] == []
