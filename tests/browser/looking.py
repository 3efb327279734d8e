"""What the browser tests do on every page: axe-core's WCAG 2.2 AA rules, the phone width,
and screenshots at desktop and phone widths (saved under ``screenshots/``, git-ignored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, ViewportSize

HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = HERE / "screenshots"
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")


def accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.2 A and AA on the page."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: `make test` installs it (npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "where": [node["target"] for node in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in SERIOUS]


def look_at(page: Page, name: str) -> None:
    """Check the page at desktop and phone widths, and keep a screenshot of each."""
    SHOTS.mkdir(exist_ok=True)
    try:
        for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            violations = accessibility_violations(page)
            assert not violations, f"{name} ({width}): {violations}"
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} ({width}) scrolls sideways by {overflow}px"
            page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    finally:
        page.set_viewport_size(DESKTOP)
