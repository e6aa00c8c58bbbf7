"""``python -m generator add ID…``: papers added by identifier, offline.

Every answer is a recorded response (``tests/fixtures/remote/``) served by a
fake transport or by a server on 127.0.0.1; the clock is fake, so the
retries and the pacing between requests are asserted without waiting.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import shutil

import pytest

from generator import cli
from generator.config import Settings
from generator.sources import read_source
from generator.tools import add, remote
from generator.tools.remote import Client, Response, parse_id
from support.project import ROOT
from support.services import Clock, Recorded, endpoints, serve

TODAY = dt.date(2026, 12, 1)
EXISTING = """\
# Papers added by hand. Keep this comment.
- title: "Deep Sets"      # a comment after a value
  abstract: We study the problem of designing models for machine learning tasks defined on sets.
  authors: [Manzil Zaheer, Satwik Kottur]
  arxiv: "1703.06114"

# Another comment, between records.
- title: Zebra order is kept
  abstract: Records stay in the order the maintainer chose, not sorted.
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "mine.yml").write_text(EXISTING, encoding="utf-8")
    return Settings.for_project(tmp_path)


def client(recorded: Recorded | None = None, clock: Clock | None = None, **kw) -> Client:
    clock = clock or Clock()
    return Client(contact="maintainer@example.org", transport=recorded or Recorded(), sleep=clock.sleep,
                  clock=clock, wall=clock, **kw)


def run_add(project, *ids, recorded=None, clock=None, to=None):
    return add.add(project, list(ids), client(recorded, clock), to=to, today=TODAY)


def target(project):
    return project.root / "data" / "sources" / "papers.yml"


# --------------------------------------------------------------------------- identifiers

@pytest.mark.parametrize("given, kind, value", [
    ("2202.12139", "arxiv", "2202.12139"),
    ("2202.12139v1", "arxiv", "2202.12139"),
    ("arXiv:2202.12139v3", "arxiv", "2202.12139"),
    ("ARXIV: 2202.12139", "arxiv", "2202.12139"),
    ("https://arxiv.org/abs/2202.12139v2", "arxiv", "2202.12139"),
    ("http://arxiv.org/pdf/2202.12139.pdf", "arxiv", "2202.12139"),
    ("https://arxiv.org/pdf/2202.12139v1", "arxiv", "2202.12139"),
    ("arxiv.org/abs/1505.04597", "arxiv", "1505.04597"),
    ("10.48550/arXiv.1706.03762", "arxiv", "1706.03762"),
    ("cs/0503050", "arxiv", "cs/0503050"),
    ("cs/0503050v1", "arxiv", "cs/0503050"),
    ("math.DG/0303109", "arxiv", "math.DG/0303109"),
    ("https://arxiv.org/abs/hep-th/9901001v2", "arxiv", "hep-th/9901001"),
    ("10.7554/elife.01567", "doi", "10.7554/elife.01567"),
    ("doi:10.7554/eLife.01567", "doi", "10.7554/eLife.01567"),
    ("https://doi.org/10.1007/978-3-319-24574-4_28", "doi", "10.1007/978-3-319-24574-4_28"),
    ("https://dx.doi.org/10.1002/%28SICI%291097-4636", "doi", "10.1002/(SICI)1097-4636"),
    ("c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce", "s2", "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"),
    ("https://www.semanticscholar.org/paper/How-Much-Should-We-Trust-Bertrand/"
     "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce", "s2", "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"),
    ("https://www.semanticscholar.org/paper/C31C87C591A25C64FBAA82E8AC6A81831B6AC7CE", "s2",
     "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"),
    ("CorpusId:470667", "s2", "CorpusId:470667"),
    ("https://api.semanticscholar.org/CorpusID:470667", "s2", "CorpusId:470667"),
])
def test_every_common_form_of_an_id_is_recognised(given, kind, value):
    ident = parse_id(given)
    assert ident is not None and (ident.kind, ident.value) == (kind, value)


@pytest.mark.parametrize("given", ["", "U-Net", "1505", "see 10.1000/x in the text", "https://example.org/paper",
                                   "https://www.semanticscholar.org/paper/c31c87", "arXiv:", "doi:"])
def test_what_is_no_id_is_refused(given, project):
    assert parse_id(given) is None
    if given:
        with pytest.raises(add.AddError, match="is not an arXiv id, a DOI or a Semantic Scholar id"):
            run_add(project, given)
        assert not target(project).exists()


# --------------------------------------------------------------------------- adding

def test_add_by_arxiv_id_appends_a_record_the_build_reads(project):
    recorded = Recorded()
    outcome = run_add(project, "arXiv:2202.12139v1", recorded=recorded)
    assert [i.value for i, _ in outcome.added] == ["2202.12139"] and not outcome.known
    (url, headers), = recorded.requests
    assert url.startswith("https://export.arxiv.org/api/query?") and "id_list=2202.12139" in url
    assert "maintainer@example.org" in headers["User-Agent"] and headers["User-Agent"].startswith("paper-atlas/")
    text = target(project).read_text(encoding="utf-8")
    assert text.startswith("# from arXiv:2202.12139, added 2026-12-01\n- title: \"Testing Deep Learning Models")
    fmt, result = read_source("papers.yml", text.encode())
    assert fmt == "yaml" and not result.problems
    (record,) = result.records
    assert record.title == "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
    assert record.authors == ("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker")
    assert record.arxiv == "2202.12139" and record.doi == "10.1109/ICSTW55395.2022.00035"
    assert record.published == "2022-02-24" and record.added == "2026-12-01"
    assert record.abstract.startswith("Deep Learning (DL) has revolutionized")
    assert record.pdf == "https://arxiv.org/pdf/2202.12139v1"


def test_adding_again_in_any_form_adds_nothing_and_asks_no_service(project):
    run_add(project, "2202.12139")
    before = target(project).read_bytes()
    for form in ("2202.12139", "https://arxiv.org/abs/2202.12139v1", "doi:10.1109/ICSTW55395.2022.00035",
                 "https://doi.org/10.1109/icstw55395.2022.00035"):
        recorded = Recorded()
        outcome = run_add(project, form, recorded=recorded)
        assert outcome.added == () and outcome.known[0][1] == "data/sources/papers.yml:2", form
        assert recorded.requests == [], form
    assert target(project).read_bytes() == before


def test_an_id_the_collection_has_already_is_reported_where_it_is(project):
    recorded = Recorded()
    outcome = run_add(project, "https://arxiv.org/abs/1703.06114v3", recorded=recorded)
    assert outcome.known[0][1] == "data/sources/mine.yml:2" and recorded.requests == []
    assert not target(project).exists()


def test_a_paper_the_build_would_merge_is_not_added_twice(project):
    # The same paper without any id: same title, an author in common, as records.py merges.
    (project.root / "data" / "sources" / "mine.yml").write_text(
        EXISTING + '- title: "Testing deep learning models: a first comparative study of multiple testing '
        'techniques"\n  authors: [Arnaud Gotlieb]\n', encoding="utf-8")
    outcome = run_add(project, "2202.12139")
    assert outcome.added == () and outcome.known[0][1] == "data/sources/mine.yml:10"
    assert not target(project).exists()


def test_the_files_comments_and_order_are_kept(project):
    mine = project.root / "data" / "sources" / "mine.yml"
    run_add(project, "10.7554/elife.01567", "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce", to=str(mine))
    text = mine.read_text(encoding="utf-8")
    assert text.startswith(EXISTING + "\n# from doi:10.7554/elife.01567, added 2026-12-01\n- title: ")
    _, result = read_source("mine.yml", text.encode())
    assert not result.problems
    titles = [r.title for r in result.records]
    assert titles == ["Deep Sets", "Zebra order is kept",
                      "Automated quantitative histology reveals vascular morphodynamics during Arabidopsis "
                      "hypocotyl secondary growth",
                      "How Much Should We Trust Differences-in-Differences Estimates?"]
    elife, s2 = result.records[2:]
    assert elife.authors[0] == "Martial Sankar" and elife.venue == "eLife" and elife.published == "2014-02-11"
    assert elife.abstract.startswith("Among various advantages") and "<" not in elife.abstract
    assert s2.doi == "10.2139/ssrn.288970" and s2.published == "2001-10-01"


def test_round_trip_yaml_sees_the_comments_kept(project):
    from ruamel.yaml import YAML

    mine = project.root / "data" / "sources" / "mine.yml"
    run_add(project, "10.7554/elife.01567", to=str(mine))
    data = YAML().load(mine.read_text(encoding="utf-8"))
    assert [d["title"] for d in data][:2] == ["Deep Sets", "Zebra order is kept"]
    assert "a comment after a value" in str(data[0].ca.items.get("title"))


def test_an_indented_list_is_appended_at_its_own_indent(project):
    mine = project.root / "data" / "sources" / "mine.yml"
    mine.write_text("---\n  - title: Indented\n    abstract: A list that does not start at column 0.\n")
    run_add(project, "2202.12139", to=str(mine))
    _, result = read_source("mine.yml", mine.read_bytes())
    assert [r.title[:7] for r in result.records] == ["Indente", "Testing"] and not result.problems


@pytest.mark.parametrize("content", ['[{title: "Flow list"}]\n', "title: One mapping\nabstract: Not a list.\n"])
def test_a_file_that_is_no_block_list_is_refused(project, content):
    mine = project.root / "data" / "sources" / "mine.yml"
    mine.write_text(content)
    with pytest.raises(add.AddError, match="is not a block list of records"):
        run_add(project, "2202.12139", to=str(mine))
    assert mine.read_text() == content


def test_a_file_outside_the_sources_is_refused(project, tmp_path):
    with pytest.raises(add.AddError, match="outside the source folders"):
        run_add(project, "2202.12139", to=str(tmp_path / "elsewhere.yml"))


HOSTILE_TITLE = 'A "quoted" title: with #hash, {{ 7*7 }}, \\backslash, &amp; <script>alert(1)</script>\u2028end'


def test_fetched_text_is_written_as_quoted_strings_and_reads_back_exactly(project):
    paper = json.loads(remote_fixture("s2_c31c87c5.json"))
    paper["title"] = HOSTILE_TITLE
    paper["authors"] = [{"name": "- [x]: y\u001b[31m\ud800"}, {"name": "*alias &anchor !!python/object"}]
    paper["abstract"] = "line one\nline two\t\ufeff\u0085 --- ... %YAML 1.2"
    body = json.dumps(paper).encode()
    ident = parse_id("c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce")
    fetched = remote.lookup(client(Recorded().queue("/paper/", Response(200, {}, body))), ident)
    run_add(project, ident.given, recorded=Recorded().queue("/paper/", Response(200, {}, body)))
    _, result = read_source("papers.yml", target(project).read_bytes())
    (record,) = result.records
    assert not result.problems
    # Exactly what the Semantic Scholar reader read (it decodes LaTeX braces): nothing interpreted on the way.
    assert record.title == fetched.title
    for part in ('A "quoted" title: with #hash,', "\\backslash, &amp; <script>alert(1)</script>"):
        assert part in record.title
    # The escape character and the lone surrogate are dropped; the rest is kept as text.
    assert record.authors == ("- [x]: y[31m", "*alias &anchor !!python/object")
    assert record.abstract == fetched.abstract and record.abstract.endswith("\ufeff --- ... %YAML 1.2")
    text = target(project).read_text(encoding="utf-8")
    assert "\\ufeff" in text and "\ufeff" not in text


def remote_fixture(name: str) -> str:
    from support.services import REMOTE

    return (REMOTE / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- errors: nothing written

def test_retries_429_and_503_honouring_retry_after(project):
    clock = Clock()
    later = email.utils.formatdate(clock.now + 7 + 5, usegmt=True)  # 5 s after the first wait
    recorded = Recorded().queue(
        "id_list=2202.12139",
        Response(429, {"retry-after": "7"}, b"Too Many Requests"),
        Response(503, {"retry-after": later}, b""),
        Response(503, {}, b""),
    )
    outcome = run_add(project, "2202.12139", recorded=recorded, clock=clock)
    assert len(outcome.added) == 1 and len(recorded.requests) == 4
    assert clock.waits[0] == 7  # Retry-After in seconds
    assert clock.waits[1] == 5  # Retry-After as an HTTP date
    assert clock.waits[2] == 8.0  # no Retry-After: exponential backoff, 2 s × 2 ** (the try before)


def test_a_service_that_keeps_failing_gives_up_and_writes_nothing(project):
    clock = Clock()
    recorded = Recorded().queue("works/", *[Response(503, {}, b"")] * 10)
    with pytest.raises(add.AddError) as raised:
        run_add(project, "10.7554/elife.01567", recorded=recorded, clock=clock)
    assert str(raised.value) == ("10.7554/elife.01567: Crossref is not answering (HTTP 503, still after retries); "
                                 "try again later; nothing was written")
    assert len(recorded.requests) == 5 and clock.waits == [2.0, 4.0, 8.0, 16.0]
    assert not target(project).exists()


def test_a_retry_after_too_long_is_not_waited_for(project):
    recorded = Recorded().queue("id_list", Response(429, {"retry-after": "3600"}, b""))
    with pytest.raises(add.AddError, match="asks to wait 3600 s"):
        run_add(project, "2202.12139", recorded=recorded)


@pytest.mark.parametrize("given, message", [
    ("10.1000/nothing-here", "Crossref knows no paper doi:10.1000/nothing-here (HTTP 404)"),
    ("0123456789abcdef0123456789abcdef01234567", "the Semantic Scholar API knows no paper"),
    ("2501.99999", "the arXiv API knows no paper arXiv:2501.99999"),
    ("1234.12345", "'1234.12345' is not an arXiv id, a DOI or a Semantic Scholar id or link"),  # no month 34: refused before asking arXiv
])
def test_unknown_papers_are_one_sentence_and_nothing_is_written(project, given, message):
    with pytest.raises(add.AddError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_add(project, "2202.12139", given)  # the first one is found: still nothing is written
    assert not target(project).exists()


@pytest.mark.parametrize("part, body, message", [
    ("id_list", b"<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>cut",
     "could not be read"),
    ("works/", b'{"status": "ok", "message-type": "work", "message": {"title": ["cut', "not valid JSON"),
    ("paper/", b"<html>Service Unavailable</html>", "not valid JSON"),
    ("works/", b'{"status": "ok", "message-type": "work", "message": ["not", "a", "work"]}', "could not be read"),
])
def test_malformed_answers_are_one_sentence(project, part, body, message):
    recorded = Recorded().queue(part, Response(200, {}, body))
    ident = {"id_list": "2202.12139", "works/": "10.7554/elife.01567",
             "paper/": "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"}[part]
    with pytest.raises(add.AddError, match=message) as raised:
        run_add(project, ident, recorded=recorded)
    assert "\n" not in str(raised.value) and "Traceback" not in str(raised.value)
    assert not target(project).exists()


def test_requests_to_one_service_are_paced(project):
    clock = Clock()
    recorded = Recorded()
    run_add(project, "2202.12139", "cs/0503050", "10.7554/elife.01567", recorded=recorded, clock=clock)
    assert len(recorded.requests) == 3
    assert clock.waits == [3.0]  # arXiv asks for 3 s between requests; Crossref is another host


# --------------------------------------------------------------------------- the command, over HTTP on 127.0.0.1

@pytest.fixture
def local_services(monkeypatch):
    recorded = Recorded()
    with serve(recorded) as base:
        for name, url in endpoints(base).items():
            monkeypatch.setitem(remote.ENDPOINTS, name, url)
        monkeypatch.setattr(remote.Client, "sleep", staticmethod(lambda s: None))
        yield recorded


def test_the_command_adds_over_http_retrying_a_429(project, local_services, capsys, monkeypatch):
    monkeypatch.setenv("PAPER_ATLAS_CONTACT", "lab@example.org")
    local_services.queue("works/", Response(429, {"Retry-After": "1"}, b"slow down"))
    code = cli.main(["--root", str(project.root), "add", "https://doi.org/10.7554/eLife.01567"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out == ("https://doi.org/10.7554/eLife.01567: added 'Automated quantitative histology reveals "
                       "vascular morphodynamics during Arabidopsis hypocotyl secondary growth' to "
                       "data/sources/papers.yml\n")
    paths = [p for p, _ in local_services.requests]
    assert len(paths) == 2 and all(p.startswith("/api.crossref.org/works/10.7554/eLife.01567?mailto=lab%40example.org")
                                   for p in paths)
    assert "lab@example.org" in local_services.requests[0][1]["user-agent"]
    code = cli.main(["--root", str(project.root), "add", "10.7554/elife.01567"])
    assert code == 0 and "already in the collection (data/sources/papers.yml:2); nothing added" in capsys.readouterr().out


def test_the_command_reports_a_404_in_one_line_and_exits_1(project, local_services, capsys):
    code = cli.main(["--root", str(project.root), "add", "10.1000/missing"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: 10.1000/missing: Crossref knows no paper")
    assert not target(project).exists()


def test_offline_the_command_says_so_and_writes_nothing(project, monkeypatch, capsys):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setitem(remote.ENDPOINTS, "arxiv", f"http://127.0.0.1:{port}/api/query")
    code = cli.main(["--root", str(project.root), "add", "2202.12139"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "could not be reached" in err and "check the network connection" in err and "nothing was written" in err
    assert not target(project).exists()


def test_dry_run_prints_and_writes_nothing(project, local_services, capsys):
    code = cli.main(["--root", str(project.root), "add", "--dry-run", "c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce"])
    out = capsys.readouterr().out
    assert code == 0 and "would add" in out and '- title: "How Much Should We Trust' in out
    assert not target(project).exists()


def test_contact_comes_from_mkdocs_yml(project, monkeypatch):
    monkeypatch.delenv("PAPER_ATLAS_CONTACT", raising=False)
    mkdocs = project.root / "mkdocs.yml"
    mkdocs.write_text("site_name: X\nsite_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
                      "extra:\n  generator: false\n  contact: team@example.org\n")
    assert add.contact(project, None) == "team@example.org"
    mkdocs.write_text("site_name: X\nextra:\n  contact: !ENV [PAPER_ATLAS_CONTACT, '']\n")
    assert add.contact(project, None) is None
    assert add.contact(project, "me@example.org") == "me@example.org"
    assert "mailto:team@example.org" in remote.user_agent("team@example.org")


def test_crossref_reader_keeps_the_earlier_of_print_and_online_dates():
    from support.services import FIXTURES

    path = FIXTURES / "formats" / "crossref" / "work_no_abstract.json"
    fmt, result = read_source(path.name, path.read_bytes())
    (record,) = result.records
    assert fmt == "crossref" and record.published == "2021-04-08" and record.abstract is None
    assert record.authors[0] == "Ēriks Kupče" and record.doi == "10.1038/s43586-021-00024-3"
    data = json.loads(path.read_text())
    assert data["message"]["published-print"]["date-parts"] == [[2021, 12]]


def test_an_added_paper_is_in_the_next_build(project):
    from generator import pipeline

    for name in ("data/topics.yml", "templates"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project.root / name)
    run_add(project, "cs/0503050", "10.7554/elife.01567")
    result = pipeline.collect(project)
    assert not [p for p in result.problems if p.is_error], result.problems
    added = {p.title: p for p in result.collection.papers if any(s.path == "data/sources/papers.yml" for s in p.sources)}
    assert len(added) == 2
    elife = added["Automated quantitative histology reveals vascular morphodynamics during Arabidopsis hypocotyl "
                   "secondary growth"]
    assert elife.doi == "10.7554/elife.01567" and elife.added == "2026-12-01" and elife.topic
    assert any(p.arxiv == "cs/0503050" for p in added.values())
