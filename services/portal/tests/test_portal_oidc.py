"""The OIDC sign-in's own parts, in process: which claims make a token and which are
refused, the sign-in page in production, and a provider that does not answer. The whole
flow against a real provider is in tests/browser/test_portal_oidc.py."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from contracts.vocabulary import Agency
from portal.oidc import StaffClaims, UnusableClaims, staff_claims
from portal.settings import PortalSettings
from portal.viewer import TOKEN_COOKIE
from portal.web import create_portal_app

NOWHERE = "http://127.0.0.1:9"  # the discard port: connection refused
KEY = "a-test-key-of-enough-length-for-hs256-Xy7Q"


def settings(environment: str = "test", **more: Any) -> PortalSettings:
    return PortalSettings(environment=environment, petitions_url=NOWHERE,
                          sessions_url=NOWHERE, notifier_url=NOWHERE,
                          jwt_signing_key=KEY + "pRoDuCtIoN-5kJ2", **more)


def test_the_id_tokens_claims_name_agency_unit_and_role() -> None:
    claims = {"sub": "cb-42", "agency": "ubnd", "unit": " Sở  Xây dựng ", "role": "leader"}
    assert staff_claims(claims, settings()) == StaffClaims("cb-42", Agency.UBND, "leader",
                                                          "Sở Xây dựng")
    assert staff_claims({"sub": "cb-1", "agency": "mttq"}, settings()).role == "staff"
    renamed = settings(oidc_agency_claim="phoihop_agency")
    assert staff_claims({"sub": "x", "phoihop_agency": "hdnd"}, renamed).agency == Agency.HDND


@pytest.mark.parametrize(("claims", "refused"), [
    ({"sub": "x"}, "agency"),
    ({"sub": "x", "agency": "tinh-uy"}, "agency"),
    ({"sub": "x", "agency": ["ubnd"]}, "agency"),
    ({"sub": "x", "agency": "ubnd", "role": "system"}, "role"),  # services only
    ({"sub": "x", "agency": "ubnd", "unit": "Sở\x07"}, "unit"),
    ({"sub": "x", "agency": "ubnd", "unit": "S" * 201}, "unit"),
    ({"agency": "ubnd"}, "sub"),
])
def test_claims_no_token_may_carry_are_refused(claims: dict[str, Any], refused: str) -> None:
    with pytest.raises(UnusableClaims) as caught:
        staff_claims(claims, settings())
    assert caught.value.claim == refused


def test_production_offers_the_provider_and_no_picker() -> None:
    with TestClient(create_portal_app(settings("production", oidc_issuer=NOWHERE)),
                    follow_redirects=False) as client:
        page = client.get("/dang-nhap", params={"next": "/hop-thu"})
        assert 'href="/dang-nhap/oidc?next=/hop-thu"' in page.text
        assert 'id="f-agency"' not in page.text
        assert client.post("/dang-nhap", data={"agency": "hdnd", "role": "staff"}
                           ).status_code == 404


def test_a_provider_that_does_not_answer_is_a_page_in_words() -> None:
    with TestClient(create_portal_app(settings("production", oidc_issuer=NOWHERE)),
                    follow_redirects=False) as client:
        page = client.get("/dang-nhap/oidc")
        assert page.status_code == 503
        assert "Không kết nối được hệ thống định danh của tỉnh" in page.text
        assert TOKEN_COOKIE not in client.cookies


def test_without_a_provider_its_routes_are_not_there() -> None:
    with TestClient(create_portal_app(settings()), follow_redirects=False) as client:
        assert client.get("/dang-nhap/oidc").status_code == 404
        assert client.get("/dang-nhap/oidc/ve", params={"code": "x"}).status_code == 404
        assert "/dang-nhap/oidc" not in client.get("/dang-nhap").text
