"""Production's sign-in, in a real browser against a real OpenID Connect provider.

The provider is oidc-provider (the npm package, OpenID Certified, run on Node by
``oidc_provider.mjs``): one confidential client, the authorization code flow only, PKCE
required. The portal runs in production (the development picker is off) with a strong
signing key shared with the services, as a deployment has them. A member of staff opens
the inbox, is sent to sign in, signs in at the provider and lands in the inbox; the token
the portal keeps carries the agency, unit and role the ID token said.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from chassis.messaging.embedded_nats import free_port
from chassis.processes import stop_process
from chassis.settings import ServiceSettings
from chassis.web.auth import verify_token
from portal.viewer import TOKEN_COOKIE
from tests.browser.conftest import System, new_jurisdiction, running_system
from tests.browser.looking import DESKTOP, look_at

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]

HERE = Path(__file__).parent
PROVIDER_SCRIPT = HERE / "oidc_provider.mjs"
CLIENT_ID = "phoihop-portal"
ACCOUNTS = {
    "can-bo-so-xay-dung": {"name": "Lê Văn Cường", "agency": "ubnd", "unit": "Sở Xây dựng",
                           "role": "staff"},
    "nguoi-ngoai": {"name": "Người chưa được gán cơ quan"},
    "dich-vu": {"name": "Một dịch vụ", "agency": "hdnd", "role": "system"},
}
WAIT_S = 20.0


@dataclass(frozen=True)
class SignInSystem:
    system: System
    issuer: str
    signing_key: str


@pytest.fixture(scope="module")
def with_provider(nats_url: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[SignInSystem]:
    if not (HERE / "node_modules" / "oidc-provider").exists():
        raise AssertionError("tests/browser/node_modules/oidc-provider is missing: "
                             "`make test` installs it (npm ci)")
    data_dir = tmp_path_factory.mktemp("portal-oidc")
    signing_key = secrets.token_urlsafe(48)
    client_secret = secrets.token_urlsafe(32)
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    with running_system(
        nats_url, data_dir, new_jurisdiction(),
        environment={"PHOIHOP_JWT_SIGNING_KEY": signing_key},
        portal_environment={
            "PHOIHOP_ENVIRONMENT": "production", "PHOIHOP_OIDC_ISSUER": issuer,
            "PHOIHOP_OIDC_CLIENT_ID": CLIENT_ID, "PHOIHOP_OIDC_CLIENT_SECRET": client_secret,
        },
    ) as system:
        log = open(data_dir / "oidc-provider.log", "ab")  # noqa: SIM115
        provider = subprocess.Popen(
            ["node", str(PROVIDER_SCRIPT)], cwd=HERE, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENT_ID": CLIENT_ID,
                 "OIDC_CLIENT_SECRET": client_secret,
                 "OIDC_REDIRECT_URI": f"{system.portal}/dang-nhap/oidc/ve",
                 "OIDC_ACCOUNTS": json.dumps(ACCOUNTS)})
        try:
            wait_for_discovery(issuer, provider)
            yield SignInSystem(system, issuer, signing_key)
        finally:
            stop_process(provider, grace=5)
            log.close()


def wait_for_discovery(issuer: str, provider: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert provider.poll() is None, "the OIDC provider exited: see oidc-provider.log"
        try:
            if httpx.get(f"{issuer}/.well-known/openid-configuration",
                         timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"no OIDC discovery document at {issuer} within {WAIT_S}s")


@pytest.fixture
def contexts() -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def sign_in_at_the_provider(browser: Browser, setup: SignInSystem, login: str,
                            contexts: list[BrowserContext], look: bool = False
                            ) -> tuple[BrowserContext, list[str]]:
    """Opens the inbox as a visitor, follows the sign-in to the provider and signs in
    there as ``login``; returns the context and the authorization requests seen."""
    context = browser.new_context(base_url=setup.system.portal, viewport=DESKTOP,
                                  locale="vi-VN")
    contexts.append(context)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url)
            if request.url.startswith(f"{setup.issuer}/auth?") else None)
    page.goto("/hop-thu")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    expect(page.locator("#f-agency")).to_have_count(0)  # no development picker here
    if look:
        look_at(page, "sign-in-oidc")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản công vụ của tỉnh").click()
    page.locator("input[name=login]").fill(login)  # the provider's own login page
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()  # consent to the portal
    return context, asked


def test_staff_sign_in_at_the_provider_and_land_in_their_inbox(
    browser: Browser, with_provider: SignInSystem, contexts: list[BrowserContext]
) -> None:
    context, asked = sign_in_at_the_provider(browser, with_provider, "can-bo-so-xay-dung",
                                             contexts, look=True)
    page = context.pages[0]
    expect(page).to_have_url(f"{with_provider.system.portal}/hop-thu")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hộp thư")
    expect(page.locator("header")).to_contain_text("UBND tỉnh – Sở Xây dựng")
    look_at(page, "inbox-after-oidc")
    [authorization] = asked  # the code flow with PKCE, an OpenID request with a nonce
    for part in ("response_type=code", "code_challenge_method=S256", "code_challenge=",
                 "nonce=", "state=", "scope=openid"):
        assert part in authorization, authorization
    [cookie] = [c for c in context.cookies() if c["name"] == TOKEN_COOKIE]
    assert cookie["httpOnly"]
    settings = ServiceSettings(environment="production", jwt_signing_key=with_provider
                               .signing_key, jurisdiction=with_provider.system.jurisdiction)
    principal = verify_token(settings, cookie["value"])
    assert (principal.subject, principal.agency.value, principal.unit, principal.role) == (
        "can-bo-so-xay-dung", "ubnd", "Sở Xây dựng", "staff")
    with httpx.Client(base_url=with_provider.system.portal, timeout=10) as portal:
        picked = portal.post("/dang-nhap", data={"agency": "hdnd", "role": "staff"})
    assert picked.status_code == 404 and TOKEN_COOKIE not in picked.cookies


@pytest.mark.parametrize("login", ["nguoi-ngoai", "dich-vu"])
def test_an_account_without_an_agency_or_with_a_service_role_is_refused_in_words(
    browser: Browser, with_provider: SignInSystem, contexts: list[BrowserContext],
    login: str,
) -> None:
    context, _ = sign_in_at_the_provider(browser, with_provider, login, contexts)
    page = context.pages[0]
    expect(page.locator(".problem")).to_contain_text("Tài khoản này chưa được gán cơ quan")
    assert not [c for c in context.cookies() if c["name"] == TOKEN_COOKIE]
    if login == "nguoi-ngoai":
        look_at(page, "oidc-refused")


@pytest.mark.parametrize("query", [
    {"code": "forged", "state": "forged"},  # no flow of this browser's: nothing to trust
    {"error": "access_denied", "error_description": "End-User aborted interaction"},
    {},
])
def test_a_return_that_no_sign_in_started_is_refused_in_words(
    with_provider: SignInSystem, query: dict[str, str]
) -> None:
    with httpx.Client(base_url=with_provider.system.portal, timeout=10) as portal:
        refused = portal.get("/dang-nhap/oidc/ve", params=query)
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("text/html")
    assert "Đăng nhập không thành công" in refused.text
    assert TOKEN_COOKIE not in refused.cookies
