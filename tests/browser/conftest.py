"""The portal and the services it calls as processes (as `make run` starts them), and
Debian's headless Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.browser.looking import DESKTOP
from tests.e2e.mailbox import Mailbox
from tests.e2e.processes import ServiceProcess

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class System:
    portal: str
    petitions: str
    sessions: str
    notifier: str
    oversight: str
    jurisdiction: str
    letters: str
    mailbox: Mailbox | None = None  # the SMTP server the notifier mails to


@pytest.fixture(scope="module")
def system(nats_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """Petitions, sessions, notifier, oversight, letters and portal, each its own process,
    on one fresh jurisdiction; the open data files written again every 2 s (not hourly)."""
    mailbox = Mailbox().start()
    try:
        with running_system(nats_url, tmp_path_factory.mktemp("portal-system"),
                            environment={**mailbox.settings,
                                         "PHOIHOP_OPEN_DATA_EVERY_SECONDS": "2"},
                            mailbox=mailbox) as started:
            yield started
    finally:
        mailbox.stop()


def new_jurisdiction() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


@contextmanager
def running_system(nats_url: str, data_dir: Path, jurisdiction: str | None = None,
                   portal_environment: dict[str, str] | None = None,
                   environment: dict[str, str] | None = None,
                   mailbox: Mailbox | None = None) -> Iterator[System]:
    """The five processes on ``data_dir`` (whose stores a test may have filled first);
    ``environment`` is given to all five, ``portal_environment`` to the portal too. The
    notifier's e-mails link to this portal (its port is chosen before the others start)."""
    jurisdiction = jurisdiction or new_jurisdiction()
    started: list[ServiceProcess] = []
    portal = ServiceProcess("portal", data_dir, nats_url, jurisdiction)
    try:
        for module in ("petitions", "sessions", "notifier", "oversight", "letters"):
            own = {"PHOIHOP_PORTAL_URL": portal.url} if module == "notifier" else {}
            started.append(ServiceProcess(module, data_dir, nats_url, jurisdiction,
                                          environment={**(environment or {}), **own}).start())
        petitions, sessions, notifier, oversight, letters = started
        portal.environment = {
            "PHOIHOP_PETITIONS_URL": petitions.url, "PHOIHOP_SESSIONS_URL": sessions.url,
            "PHOIHOP_NOTIFIER_URL": notifier.url, "PHOIHOP_OVERSIGHT_URL": oversight.url,
            "PHOIHOP_LETTERS_URL": letters.url,
            **(environment or {}),
            **(portal_environment or {}),
        }
        started.append(portal.start())
        yield System(portal.url, petitions.url, sessions.url, notifier.url, oversight.url,
                     jurisdiction, letters.url, mailbox)
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (`make test` installs it)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox"])
    try:
        yield browser
    finally:
        browser.close()


def signed_in(browser: Browser, system: System, agency: str, unit: str | None = None
              ) -> tuple[BrowserContext, Page]:
    """A browser of its own for one member of staff, signed in through the sign-in page."""
    context = browser.new_context(base_url=system.portal, viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    page.goto("/dang-nhap")
    page.select_option("#f-agency", agency)
    if unit:
        page.fill("#f-unit", unit)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bàn làm việc")
    return context, page
