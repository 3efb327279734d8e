"""Which forms a petition's page shows whom: the services decide, the portal leaves out the
forms they would refuse and says who can act instead."""

from __future__ import annotations

import unicodedata
from typing import Any

from chassis.web.auth import Principal
from contracts.vocabulary import Agency
from portal.routes.petition import _may
from portal.viewer import Viewer


def viewer(agency: Agency, unit: str | None = None) -> Viewer:
    return Viewer("token", Principal(f"{agency.value}-staff", agency, "staff", "tien-giang",
                                     unit=unit))


def forwarded(unit: str | None) -> dict[str, Any]:
    return {"status": "forwarded", "merged_into": None,
            "forwarding": {"to_agency": "ubnd", "to_unit": unit}}


def test_the_unit_forwarded_to_answers_whatever_the_case_or_unicode_form_it_signed_in_with(
) -> None:
    petition = forwarded("Công an tỉnh")
    assert _may(petition, viewer(Agency.UBND, "Công an tỉnh")) == {"answer"}
    assert _may(petition, viewer(Agency.UBND, "công  an TỈNH")) == {"answer"}
    typed_apart = unicodedata.normalize("NFD", "Công an tỉnh")  # another keyboard's form
    assert _may(petition, viewer(Agency.UBND, typed_apart)) == {"answer"}


def test_another_unit_of_the_agency_is_told_who_answers_and_other_agencies_see_nothing(
) -> None:
    petition = forwarded("Công an tỉnh")
    assert _may(petition, viewer(Agency.UBND)) == {"answer_by_unit"}
    assert _may(petition, viewer(Agency.UBND, "Sở Y tế")) == {"answer_by_unit"}
    assert "answer" not in _may(petition, viewer(Agency.HDND))
    assert _may(forwarded(None), viewer(Agency.UBND, "Sở Y tế")) == {"answer"}
