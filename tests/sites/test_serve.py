"""``make serve`` (``mkdocs serve --dirty``): one edit of a record is one
rebuild, of the pages it changed only, and the served page shows the edit."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.request

from support.project import BIN, make_site_project

RECORDS = "".join(f"- title: Paper number {i} on segmentation\n  abstract: We segment images, study {i}.\n"
                  for i in range(30))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, what: str, limit: float = 180.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if (value := predicate()):
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


@contextlib.contextmanager
def serving(project, log_path):
    """``mkdocs serve --dirty`` of ``project`` on a free port: yields (port, its log file)."""
    port = _free_port()
    log = open(log_path, "w+", encoding="utf-8")
    serve = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project.root,
                             env=project.env(), stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        yield port, log
    finally:
        serve.terminate()
        serve.wait(timeout=30)
        log.close()


def test_one_record_edit_is_one_dirty_rebuild_and_shows(tmp_path):
    project = make_site_project(tmp_path, {"a.yml": RECORDS})
    with serving(project, tmp_path / "serve.log") as (port, log):
        url = f"http://127.0.0.1:{port}/papers/paper-number-7-on-segmentation/"
        _wait_for(lambda: "study 7." in _page(url), "the first build")
        source = project.sources / "a.yml"
        source.write_text(RECORDS.replace("study 7.", "study 7, now edited."), encoding="utf-8")
        _wait_for(lambda: "now edited" in _page(url), "the edit to show")
        time.sleep(3)  # longer than the server's rebuild delay: a second rebuild would have begun
        log.seek(0)
        text = log.read()
        assert text.count("Building documentation") == 2, text  # the first build and one rebuild
        assert "now edited" not in _page(f"http://127.0.0.1:{port}/papers/paper-number-8-on-segmentation/")


def test_a_title_edit_under_serve_keeps_the_address_and_no_page_the_sources_lost_is_served(tmp_path):
    """The served site after a title edit has the paper at its address with the new title (the
    ledger of the last build keeps its id), and a paper removed from the sources answers with its
    removal notice, not with its old page: ``mkdocs serve --dirty`` leaves the files of pages that
    are gone, and the plugin removes them after each rebuild."""
    project = make_site_project(tmp_path, {"a.yml": RECORDS})
    with serving(project, tmp_path / "serve.log") as (port, _):
        site = f"http://127.0.0.1:{port}/papers/"
        _wait_for(lambda: "study 7." in _page(site + "paper-number-7-on-segmentation/"), "the first build")
        source = project.sources / "a.yml"
        edited = RECORDS.replace("Paper number 7 on segmentation", "Paper number seven on segmentation")
        source.write_text(edited, encoding="utf-8")
        _wait_for(lambda: "Paper number seven" in _page(site + "paper-number-7-on-segmentation/"), "the title edit")
        assert _page(site + "paper-number-seven-on-segmentation/") == ""  # no second address
        source.write_text(edited.replace("- title: Paper number 9 on segmentation\n  abstract: We segment images, "
                                         "study 9.\n", ""), encoding="utf-8")
        _wait_for(lambda: "Removed from the collection" in _page(site + "paper-number-9-on-segmentation/"),
                  "the removal")
        assert "study 9." not in _page(site + "paper-number-9-on-segmentation/")
