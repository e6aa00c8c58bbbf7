"""No broken internal link or anchor in the built site (lychee, offline)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LYCHEE = Path(sys.executable).parent / "lychee"


def test_no_broken_internal_links_or_anchors(built_site):
    result = subprocess.run(
        [str(LYCHEE), "--offline", "--no-progress", "--include-fragments", "--root-dir", str(built_site),
         "--index-files", "index.html", "--extensions", "html", "--format", "compact", str(built_site)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_link_checker_catches_a_broken_link(tmp_path):
    """The check above can fail: a page with a missing target and a missing anchor."""
    (tmp_path / "index.html").write_text('<a href="missing/">x</a> <a href="#nowhere">y</a>', encoding="utf-8")
    result = subprocess.run(
        [str(LYCHEE), "--offline", "--no-progress", "--include-fragments", "--root-dir", str(tmp_path),
         "--index-files", "index.html", "--extensions", "html", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
