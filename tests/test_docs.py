"""docs/architecture.md is what the code's "decision N" comments point to: keep them agreeing.

Comments cite a decision by its number (the old form, from before the page was in the
repository, is "ARCHITECTURE.md §N"). Each cited number must be a "Decision N" heading of
the page, and each repository path the page names must exist, except in the parts marked
as to be checked after a merge (they describe code that is still being written).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
README = ROOT / "README.md"

# Where citations are looked for: the repository's text files, outside docs/ (the page
# itself) and outside what tools and runs leave behind.
SKIPPED_DIRS = {".git", ".venv", "var", "docs", "node_modules", "__pycache__", ".mypy_cache",
                ".ruff_cache", ".pytest_cache", "build", "dist"}
SCANNED_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".conf", ".sh", ".txt"}
SCANNED_NAMES = {"Makefile", "Dockerfile"}

CITATION = re.compile(
    r"\bdecisions?\s+(?P<numbers>\d+(?:\s*(?:,|and|or)\s*\d+)*)|§\s*(?P<section>\d+)",
    re.IGNORECASE,
)
HEADING = re.compile(r"^#{2,3} Decision (\d+):", re.MULTILINE)
TO_CHECK = re.compile(
    r"<!-- TO CHECK AFTER MERGE -->.*?<!-- /TO CHECK AFTER MERGE -->", re.DOTALL
)
TOP_DIRECTORIES = ("contracts/", "chassis/", "services/", "deploy/", "tests/", "benchmarks/",
                   "demo/", "docs/")
QUOTED_PATH = re.compile(r"`([^`\s]+)`")


def scanned_files() -> Iterator[Path]:
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders
                         if name not in SKIPPED_DIRS and not name.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            if path.suffix in SCANNED_SUFFIXES or name in SCANNED_NAMES:
                yield path


def citations() -> dict[int, list[str]]:
    """Every decision number cited outside docs/, with where (``file:line``)."""
    cited: dict[int, list[str]] = {}
    this_file = Path(__file__).resolve()
    for path in scanned_files():
        if path.resolve() == this_file:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for line_number, line in enumerate(text.splitlines(), start=1):
            for match in CITATION.finditer(line):
                numbers = re.findall(r"\d+", match.group("numbers") or match.group("section"))
                for number in numbers:
                    where = f"{path.relative_to(ROOT)}:{line_number}"
                    cited.setdefault(int(number), []).append(where)
    return cited


def headings() -> list[int]:
    return [int(number) for number in HEADING.findall(ARCHITECTURE.read_text(encoding="utf-8"))]


def test_every_decision_the_code_cites_is_a_heading_of_the_page() -> None:
    cited = citations()
    # The code does cite decisions (the relay, the consumer, the audit, …): a scan that
    # finds none has stopped looking where they are.
    assert {4, 5, 7} <= cited.keys(), f"the scan found only {sorted(cited)}"
    missing = {number: places for number, places in cited.items() if number not in headings()}
    assert not missing, f"cited but not a heading of docs/architecture.md: {missing}"


def test_the_decisions_are_numbered_once_each_from_one() -> None:
    numbers = headings()
    assert numbers == list(range(1, len(numbers) + 1)), numbers


def test_the_parts_to_check_after_a_merge_are_closed() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    opened = text.count("<!-- TO CHECK AFTER MERGE -->")
    closed = text.count("<!-- /TO CHECK AFTER MERGE -->")
    assert opened == closed == len(TO_CHECK.findall(text)), (opened, closed)


def test_every_path_the_page_names_exists() -> None:
    checked = TO_CHECK.sub("", ARCHITECTURE.read_text(encoding="utf-8"))
    named = [token.rstrip("/") for token in QUOTED_PATH.findall(checked)
             if token.startswith(TOP_DIRECTORIES) and not any(c in token for c in "<{…")]
    assert len(named) > 20, f"the page names only {named}"
    absent = [path for path in named if not list(ROOT.glob(path))]
    assert not absent, f"named in docs/architecture.md but not in the repository: {absent}"


def test_the_readme_points_to_the_page() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "docs/architecture.md" in readme
    assert "../shared/ARCHITECTURE.md" not in readme
