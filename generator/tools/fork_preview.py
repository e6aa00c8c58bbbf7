"""Hosted previews of fork pull requests that change only data: the checks.

A fork's pull request runs with a read-only token, so its own workflow run
uploads a *request*: an artifact holding ``pr-number`` and the PR's data
files (``data/sources/…``, ``data/curation.yml``, ``data/topics.yml``). The
privileged ``fork-preview.yml`` workflow of the base repository, with the
base branch's code, reads that request through the commands here and
trusts none of it:

* ``python -m generator preview-data number REQUEST``: the PR number, digits
  only.
* ``python -m generator preview-data check REQUEST --pr PR.json --files
  FILES.json --head-sha SHA --head-repo OWNER/NAME --comment OUT.md``: whether
  to ``deploy``, ``remove`` (the PR is closed) or ``refuse`` (and why, in
  ``OUT.md``). The PR (from the GitHub API, not from the artifact) must be
  the one whose run made the request (same head commit and repository); the
  files it changes, as the API lists them, must all be data; and the request
  must hold only data files: regular files (no symlinks, devices or
  folders-as-files) under the allowed paths, with safe names, within the
  size and count limits.
* ``python -m generator preview-data install REQUEST --into ROOT``: checks
  the request again and puts its data in place of ROOT's.

Nothing here runs or imports anything from the request; the preview is then
built by the base branch's generator, which treats every record as untrusted
text.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

#: The paths a data-only pull request may change (a folder ends with "/").
DATA_PATHS = ("data/sources/", "data/curation.yml", "data/topics.yml", "data/people.yml", "data/venues.yml")
MAX_FILES = 1_000
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 6
#: A path segment: letters, digits, ".", "_", "-"; no leading dot, nothing else.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
#: The GitHub API lists at most this many files of a pull request.
API_FILE_LIMIT = 3_000


class RequestError(Exception):
    """Why a request is refused: one sentence a contributor can act on."""


def is_data_path(path: str) -> bool:
    """Whether a repository path is one of the data paths a hosted preview takes."""
    parts = path.split("/")
    if any(not _SEGMENT.fullmatch(p) for p in parts) or len(parts) > MAX_DEPTH + 2:
        return False
    return path in DATA_PATHS or (path.startswith("data/sources/") and len(parts) >= 3)


def pr_number(request: Path) -> int:
    """The PR number the request names: 1 to 9 digits, nothing else."""
    try:
        with open(request / "pr-number", "rb") as f:
            raw = f.read(32)
    except OSError:
        raise RequestError("the preview request holds no pr-number file") from None
    text = raw.decode("ascii", "replace").strip()
    if not re.fullmatch(r"[1-9][0-9]{0,8}", text) or (request / "pr-number").is_symlink():
        raise RequestError("the preview request's pr-number is not a pull request number")
    return int(text)


def _entry(request: Path, path: Path) -> int | None:
    """The size of a file the request may hold, None for a folder it may hold; RequestError otherwise."""
    rel = path.relative_to(request).as_posix()
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        raise RequestError(f"{rel} is a symbolic link; a preview takes regular files only")
    if stat.S_ISDIR(mode):
        if rel != "data" and not (rel.startswith("data/sources") and _SEGMENT.fullmatch(path.name)):
            raise RequestError(f"{rel} is a folder a preview does not take")
        return None
    if not stat.S_ISREG(mode):
        raise RequestError(f"{rel} is not a regular file")
    if not is_data_path(rel):
        raise RequestError(f"{rel} is not one of the data files a preview takes "
                           f"({', '.join(DATA_PATHS)}, names of letters, digits, '.', '_' and '-')")
    size = os.lstat(path).st_size
    if size > MAX_FILE_BYTES:
        raise RequestError(f"{rel} is {size / 1e6:.1f} MB, over the preview limit of {MAX_FILE_BYTES >> 20} MiB a file")
    return size


def data_files(request: Path) -> list[str]:
    """Every file of the request's ``data/``, as repository paths; RequestError for anything else."""
    top = sorted(os.listdir(request))
    if set(top) - {"pr-number", "data"}:
        raise RequestError(f"the preview request holds more than pr-number and data/: {', '.join(top[:20])}")
    data = request / "data"
    if not os.path.lexists(data):
        return []
    _entry(request, data)
    found, total = [], 0
    for folder, dirs, files in os.walk(data, followlinks=False):
        for name in sorted(dirs + files):
            size = _entry(request, Path(folder, name))
            if size is not None:
                total += size
                found.append(Path(folder, name).relative_to(request).as_posix())
        if len(found) > MAX_FILES:
            raise RequestError(f"the preview request holds over {MAX_FILES} files, the limit")
    if total > MAX_TOTAL_BYTES:
        raise RequestError(f"the preview request holds {total / 1e6:.1f} MB, over the limit of "
                           f"{MAX_TOTAL_BYTES >> 20} MiB")
    return sorted(found)


# --------------------------------------------------------------------------
# The pull request, as the GitHub API describes it
# --------------------------------------------------------------------------


def load_json_pages(path: Path) -> list:
    """A JSON file, or the pages ``gh api --paginate`` wrote one after another, as one list."""
    text = path.read_text(encoding="utf-8")
    decoder, items, i = json.JSONDecoder(), [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        value, i = decoder.raw_decode(text, i)
        pages = value if isinstance(value, list) and all(isinstance(v, list) for v in value) else [value]
        for page in pages:
            items.extend(page if isinstance(page, list) else [page])
    return items


@dataclass(frozen=True, slots=True)
class Decision:
    action: str  # "deploy", "remove" or "refuse"
    number: int
    reason: str = ""


def _changed_paths(files: list) -> list[str]:
    paths = []
    for f in files:
        if isinstance(f, dict):
            paths += [str(f[k]) for k in ("filename", "previous_filename") if isinstance(f.get(k), str)]
    return paths


def decide(request: Path, pr: dict, files: list, head_sha: str, head_repo: str) -> Decision:
    """What to do for this request; RequestError when the request does not belong to this PR at all."""
    number = pr_number(request)
    head = pr.get("head") if isinstance(pr.get("head"), dict) else {}
    repo = head.get("repo") if isinstance(head.get("repo"), dict) else {}
    if pr.get("number") != number or head.get("sha") != head_sha or repo.get("full_name") != head_repo:
        raise RequestError(f"pull request #{number} is not the one whose run asked for this preview "
                           "(its head commit or repository differs)")
    if pr.get("state") != "open":
        return Decision("remove", number)
    paths = _changed_paths(files)
    if not isinstance(pr.get("changed_files"), int) or pr["changed_files"] > API_FILE_LIMIT or \
            len({f.get("filename") for f in files if isinstance(f, dict)}) != pr["changed_files"]:
        return Decision("refuse", number, "the list of files it changes could not be read in full")
    other = sorted({p for p in paths if not is_data_path(p)})
    if other:
        return Decision("refuse", number, "it changes files other than data: " + ", ".join(other[:20])
                        + (f" and {len(other) - 20} more" if len(other) > 20 else ""))
    try:
        data_files(request)
    except RequestError as exc:
        return Decision("refuse", number, str(exc))
    return Decision("deploy", number)


def refusal(decision: Decision) -> str:
    """The PR comment that says why a fork's PR gets no hosted preview (untrusted paths escaped)."""
    from generator.text.markup import to_markdown_line

    return (
        "### No hosted preview for this pull request\n\n"
        f"Pull requests from forks get a hosted preview when they change only data ({', '.join(f'`{p}`' for p in DATA_PATHS)}). "
        f"This one gets none because {to_markdown_line(decision.reason)}.\n\n"
        f"The site built from this pull request is attached to its **PR preview** run as the artifact "
        f"`site-pr-{decision.number}`: download and unzip it, run `python -m http.server 8000` in it, "
        "and open http://127.0.0.1:8000/.\n"
    )


def install(request: Path, root: Path) -> list[str]:
    """Check the request again and put its data in place of ``root``'s; the files installed."""
    files = data_files(request)
    data = root / "data"
    shutil.rmtree(data / "sources", ignore_errors=True)
    (data / "sources").mkdir(parents=True)
    for name in ("curation.yml", "topics.yml", "people.yml", "venues.yml"):
        if f"data/{name}" in files:
            (data / name).unlink(missing_ok=True)
    for rel in files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(request / rel, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    return files


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """``python -m generator preview-data number|check|install …`` (see the module's docstring)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m generator preview-data",
                                     description="check a fork's preview request (fork-preview.yml)")
    sub = parser.add_subparsers(dest="command", required=True)
    n = sub.add_parser("number", help="print the PR number the request names")
    n.add_argument("request", type=Path)
    c = sub.add_parser("check", help="print action=deploy|remove|refuse and number=N for $GITHUB_OUTPUT")
    c.add_argument("request", type=Path)
    for name in ("--pr", "--files", "--head-sha", "--head-repo", "--comment"):
        c.add_argument(name, required=True)
    i = sub.add_parser("install", help="put the request's data in place of the project's")
    i.add_argument("request", type=Path)
    i.add_argument("--into", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if args.command == "number":
            print(pr_number(args.request))
        elif args.command == "install":
            files = install(args.request, args.into)
            print(f"installed {len(files)} data files", file=sys.stderr)
        else:
            return _check(args)
    except (RequestError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _check(args) -> int:
    pr = load_json_pages(Path(args.pr))
    files = load_json_pages(Path(args.files))
    if len(pr) != 1 or not isinstance(pr[0], dict):
        raise RequestError(f"{args.pr} is not one pull request")
    decision = decide(args.request, pr[0], files, args.head_sha, args.head_repo)
    if decision.action == "refuse":
        comment = Path(args.comment)
        comment.parent.mkdir(parents=True, exist_ok=True)
        comment.write_text(refusal(decision), encoding="utf-8")
    print(f"action={decision.action}")
    print(f"number={decision.number}")
    return 0
