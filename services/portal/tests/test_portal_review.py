"""The yearly review in the portal: the DOCX and the page's figures as pure functions of
the review document (test data in the shape the oversight service serves), the DOCX
opened with python-docx; and the pages' bad input answered in words, never a 500."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import httpx
import pytest
from docx import Document
from docx.table import Table
from docxtpl import DocxTemplate
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from kernel.clock import SystemClock, plausible_years, today_in_vietnam
from oversight.application import Oversight
from oversight.entrypoints.http import create_http_app
from portal.review import LONGEST_BAR, Chosen, portal_page, review_html
from portal.review_docx import TEMPLATE, file_name, review_context, review_docx
from portal.settings import PortalSettings
from portal.web import create_portal_app
from services.portal.tests.review_sample import sample_review

YEAR = Chosen("2023-01-01", "2023-12-31", None, 2023)
TODAY = date(2026, 12, 3)
NOWHERE = "http://127.0.0.1:9"  # the discard port: connection refused


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def opened(review: dict[str, Any]) -> Any:
    return Document(BytesIO(review_docx(review, YEAR, TODAY)))


def test_the_docx_holds_each_section_s_figures_beside_the_previous_period() -> None:
    document = opened(sample_review())
    heading, sessions, petitions, agencies, closing = document.tables
    assert cells(heading)[0][1] == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                    "Độc lập - Tự do - Hạnh phúc")
    assert cells(heading)[0][0].startswith("CÁC CƠ QUAN THỰC HIỆN QUY CHẾ PHỐI HỢP")
    assert cells(heading)[1][1] == "ngày 03 tháng 12 năm 2026"
    assert cells(sessions) == [
        ["Chỉ tiêu", "Kỳ này (2023)", "Kỳ trước (2022)", "Tăng (+), giảm (−)"],
        ["Kỳ họp đã tổ chức (trong đó chuyên đề: 6)", "8", "6", "+2"],
        ["Nghị quyết được thông qua", "97", "103", "−6"],
        ["Phiên chất vấn", "1", "1", "không đổi"],
    ]
    assert cells(petitions)[1:] == [
        ["Kiến nghị đã tiếp nhận", "1.234", "1.100", "+134"],
        ["Tỷ lệ trả lời đúng hạn", "80\u00a0%", "75\u00a0%", "+5 điểm %"],
        ["Số ngày trả lời (trung vị)", "21,5 ngày", "24 ngày", "−2,5 ngày"],
        ["Kiến nghị tồn đọng đã giải quyết", "—", "12", "—"],
    ]
    # ranked by median days, a tie sharing its rank; one answer ranks nobody
    assert cells(agencies)[1:] == [
        ["1", "UBND tỉnh – Sở Giáo dục và Đào tạo", "30", "9"],
        ["2", "UBND tỉnh – Sở Y tế", "15", "21,5"],
        ["2", "UBND tỉnh – Sở Xây dựng", "12", "21,5"],
    ]
    text = [paragraph.text for paragraph in document.paragraphs]
    assert text[:2] == ["BÁO CÁO", "Sơ kết thực hiện Quy chế phối hợp năm 2023"]
    assert "I. Kỳ họp và hoạt động của HĐND" in text
    assert "II. Tiếp nhận và giải quyết kiến nghị cử tri" in text
    assert ("Kiến nghị tồn đọng đã giải quyết: Chưa có số liệu kỳ trước để đối chiếu "
            "tồn đọng") in text
    assert "Chưa đủ số liệu để xếp hạng: UBND tỉnh – Sở Tài chính (1 kiến nghị)." in text
    assert cells(closing)[0][1].startswith("TM. CÁC CƠ QUAN PHỐI HỢP")
    assert not any("{{" in line or "{%" in line for line in text)


def test_the_docx_of_one_body_and_a_period_names_them_and_escapes_what_it_quotes() -> None:
    review = sample_review() | {"body": "hdnd",
                                "period": {"from": "2023-03-01", "to": "2023-06-30"},
                                "previous_period": {"from": "2022-10-30", "to": "2023-02-28"}}
    review["sections"][0]["figures"][0]["label"] = "Kỳ họp <bất thường> & chuyên đề"
    document = opened(review)
    heading = cells(document.tables[0])
    assert heading[0][0] == "HỘI ĐỒNG NHÂN DÂN TỈNH\nSố:      /BC-HĐND"
    assert document.paragraphs[1].text == ("Sơ kết thực hiện Quy chế phối hợp từ 01/03/2023 "
                                           "đến 30/06/2023")
    sessions = cells(document.tables[1])
    assert sessions[0][1:3] == ["Kỳ này (01/03/2023–30/06/2023)",
                                "Kỳ trước (30/10/2022–28/02/2023)"]
    assert sessions[1][0] == "Kỳ họp <bất thường> & chuyên đề (trong đó chuyên đề: 6)"
    assert file_name(review) == "bao-cao-so-ket-2023-03-01_2023-06-30-hdnd.docx"
    assert file_name(sample_review()) == "bao-cao-so-ket-2023.docx"


def test_the_docx_without_answered_petitions_says_so_instead_of_an_empty_table() -> None:
    document = opened(sample_review() | {"agencies": []})
    assert len(document.tables) == 4  # heading, two sections, closing: no league table
    text = [paragraph.text for paragraph in document.paragraphs]
    assert "Chưa có kiến nghị nào được trả lời trong kỳ." in text
    assert not any(line.startswith("Chưa đủ số liệu") for line in text)


def test_the_template_asks_only_for_what_the_portal_fills() -> None:
    """A clerk who edits the template and misspells a tag learns it here, not from an
    empty cell in a signed report."""
    asked = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables()
    assert asked <= review_context(sample_review(), YEAR, TODAY).keys()


def test_the_page_shows_each_figure_beside_the_previous_with_its_links_and_charts() -> None:
    page = review_html(sample_review(), YEAR, "vi")
    row = re.search(r'<a href="/bao-cao/chi-so/petitions.recorded\?nam=2023">Kiến nghị đã '
                    r'tiếp nhận</a>.*?</tr>', page, re.S)
    assert row is not None
    assert re.findall(r"<td>([^<]*)</td>", row.group(0)) == ["1.234", "1.100", "+134"]
    assert 'href="/bao-cao/chi-so/petitions.recorded.csv?nam=2023"' in row.group(0)
    assert "gồm chuyên đề: 6" in page and "+5 điểm %" in page and "−2,5 ngày" in page
    assert "Chưa có số liệu kỳ trước để đối chiếu tồn đọng" in page
    assert 'href="/bao-cao.docx?nam=2023"' in page
    # one chart per kind of number, each named and described, its numbers on the bars
    charts = re.findall(r'<svg class="chart" role="img".*?</svg>', page, re.S)
    assert len(charts) == 4  # sessions: counts; petitions: counts, days, shares
    assert all("<title id=" in chart and "<desc id=" in chart for chart in charts)
    assert ">2023: 8</text>" in charts[0] and ">2022: 6</text>" in charts[0]
    assert ">2023: 80\u00a0%</text>" in charts[3]
    # a share's bar is drawn against the whole: 80 % is 0.8 of the longest bar
    assert f'width="{round(0.8 * LONGEST_BAR)}"' in charts[3]
    # the league table: ranked only from the minimum up, the others apart
    ranked = page[page.index('id="muc-co-quan"'):page.index('id="chua-du"')]
    assert ranked.index("Sở Giáo dục và Đào tạo") < ranked.index("Sở Y tế") < ranked.index(
        "Sở Xây dựng")
    assert "Sở Tài chính" not in ranked
    assert "UBND tỉnh – Sở Tài chính: 1" in page[page.index('id="chua-du"'):]


def test_a_figure_at_nothing_in_both_periods_stays_in_the_table_only() -> None:
    review = sample_review()
    review["sections"][0]["figures"][2] |= {"value": 0, "previous": 0}
    page = review_html(review, YEAR, "vi")
    chart = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert chart is not None and "Phiên chất vấn" not in chart.group(0)
    assert "Kỳ họp đã tổ chức" in chart.group(0)
    assert 'href="/bao-cao/chi-so/sessions.questioning?nam=2023">Phiên chất vấn</a>' in page


def test_the_page_in_english_and_a_body_s_period_in_its_links() -> None:
    chosen = Chosen("2023-03-01", "2023-06-30", "ubnd")
    page = review_html(sample_review(), chosen, "en")
    assert "Council sessions" in page and "Petitions recorded" in page
    assert "1,234" in page and "+5 points" in page
    assert ('href="/bao-cao/chi-so/sessions.held?tu-ngay=2023-03-01&amp;den-ngay=2023-06-30'
            '&amp;co-quan=ubnd"') in page
    assert "Too few answers to rank" in page


def test_a_record_links_to_its_portal_page_where_there_is_one() -> None:
    record = "0b5c1a3e-2f0e-4d7b-9a51-3c2d1e0f9a88"
    assert portal_page(f"/petitions/{record}") == f"/kien-nghi/{record}"
    assert portal_page(f"/sessions/{record}") == f"/ky-hop/{record}"
    assert portal_page(f"/resolutions/{record}") == f"/nghi-quyet/{record}"
    assert portal_page(f"/recommendations/{record}") == f"/giam-sat/kien-nghi#k-{record}"
    assert portal_page(f"/topics/{record}") is None
    assert portal_page(f"/petitions/{record}/history") is None


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = PortalSettings(environment="test", petitions_url=NOWHERE, sessions_url=NOWHERE,
                              notifier_url=NOWHERE, oversight_url=NOWHERE)
    with TestClient(create_portal_app(settings), follow_redirects=False) as client:
        yield client


@pytest.mark.parametrize(("query", "field", "words"), [
    ({"tu-ngay": "2023-12-31", "den-ngay": "2023-01-01"}, "review_to",
     "không được trước “Từ ngày”"),
    ({"nam": "1800"}, "review_year", "nằm ngoài khoảng mười năm trước và sau năm nay"),
    ({"nam": "hai nghìn"}, "review_year", "phải là số"),
    ({"tu-ngay": "2023-02-30", "den-ngay": "2023-03-01"}, "review_from",
     "không phải ngày hợp lệ"),
    ({"tu-ngay": "2023-01-01"}, "review_to", "chưa nhập"),
    ({"nam": "2023", "co-quan": "tinh"}, "review_body", "chưa chọn đúng"),
])
def test_bad_input_is_refused_beside_its_field_before_the_service_is_asked(
    client: TestClient, query: dict[str, str], field: str, words: str
) -> None:
    """The oversight service is unreachable here: a 422 in words proves it was not asked."""
    for path in ("/bao-cao", "/bao-cao.docx"):
        page = client.get(path, params=query)
        assert page.status_code == 422, (path, query)
        assert page.headers["content-type"].startswith("text/html")
        assert f'<p class="field-error" id="e-{field}">{words}</p>' in page.text
        assert f'<a href="#f-{field}">' in page.text and 'aria-invalid="true"' in page.text


def test_bad_input_in_english_and_on_a_figure_s_pages(client: TestClient) -> None:
    client.cookies.set("phoihop_lang", "en")
    page = client.get("/bao-cao", params={"nam": "1800"})
    assert page.status_code == 422
    assert "is more than ten years from this year" in page.text
    client.cookies.delete("phoihop_lang")
    records = client.get("/bao-cao/chi-so/sessions.held", params={"nam": "1800"})
    assert records.status_code == 422 and "nằm ngoài khoảng" in records.text
    assert client.get("/bao-cao/chi-so/sessions.held.csv", params={"nam": "1800"}
                      ).status_code == 422
    assert client.get("/bao-cao/chi-so/DROP TABLE").status_code == 404
    assert client.get("/bao-cao/chi-so/sessions.held", params={"ky": "sau"}).status_code == 404


def test_a_service_that_does_not_answer_is_said_in_words(client: TestClient) -> None:
    for path in ("/bao-cao", "/bao-cao.docx", "/bao-cao/chi-so/sessions.held",
                 "/bao-cao/chi-so/sessions.held.csv"):
        page = client.get(path, params={"nam": "2023"})
        assert page.status_code == 503, path
        assert "Không kết nối được dịch vụ Giám sát" in page.text


def test_the_menu_links_the_review(client: TestClient) -> None:
    assert '<a href="/bao-cao">Báo cáo sơ kết</a>' in client.get("/dung-han").text


@pytest.fixture
def with_oversight(tmp_path: Path) -> Iterator[TestClient]:
    """The portal against the oversight service's own HTTP app on SQLite (in process)."""
    settings = ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                               jurisdiction="tien-giang")
    application = Oversight(store_environment(settings, "oversight"))
    oversight_app = create_http_app(settings, application)
    portal_app = create_portal_app(PortalSettings(
        environment="test", jurisdiction="tien-giang", petitions_url=NOWHERE,
        sessions_url=NOWHERE, notifier_url=NOWHERE, oversight_url="http://oversight"))
    portal_app.state.services.clients["oversight"] = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=oversight_app), base_url="http://oversight")
    try:
        with TestClient(portal_app, follow_redirects=False) as portal:
            yield portal
    finally:
        application.close()


@pytest.mark.integration
def test_the_service_s_review_shown_and_its_refusal_in_the_page_s_language(
    with_oversight: TestClient
) -> None:
    page = with_oversight.get("/bao-cao", params={"nam": "2025", "co-quan": "hdnd"})
    assert page.status_code == 200
    assert "Kỳ báo cáo: <strong>năm 2025</strong>" in page.text
    assert "Kỳ trước (2024)" in page.text
    assert 'role="img"' not in page.text  # nothing recorded: nothing to draw
    document = with_oversight.get("/bao-cao.docx", params={"nam": "2025", "co-quan": "hdnd"})
    assert document.status_code == 200
    assert document.headers["content-disposition"] == (
        'attachment; filename="bao-cao-so-ket-2025-hdnd.docx"')
    opened_document = Document(BytesIO(document.content))
    assert cells(opened_document.tables[0])[0][0].startswith("HỘI ĐỒNG NHÂN DÂN TỈNH")
    assert cells(opened_document.tables[1])[0][1] == "Kỳ này (2025)"
    # the earliest year the portal lets through has its review too (its previous period,
    # before the days the system accepts, counts nothing)
    first = plausible_years(today_in_vietnam(SystemClock()))[0]
    earliest = with_oversight.get("/bao-cao", params={"nam": str(first)})
    assert earliest.status_code == 200, earliest.text
    assert f"Kỳ báo cáo: <strong>năm {first}</strong>" in earliest.text
    # a figure the service does not know: its problem document, in Vietnamese, then English
    unknown = with_oversight.get("/bao-cao/chi-so/sessions.unknown", params={"nam": "2025"})
    assert unknown.status_code == 404
    assert "Không tìm thấy hồ sơ này." in unknown.text and "sessions.unknown" in unknown.text
    with_oversight.cookies.set("phoihop_lang", "en")
    unknown = with_oversight.get("/bao-cao/chi-so/sessions.unknown", params={"nam": "2025"})
    assert "This record was not found." in unknown.text and "No figure is called" in unknown.text
    records = with_oversight.get("/bao-cao/chi-so/sessions.held", params={"nam": "2025"})
    assert records.status_code == 200 and "No record." in records.text
    csv = with_oversight.get("/bao-cao/chi-so/sessions.held.csv", params={"nam": "2025"})
    assert csv.content.startswith("\ufeffid,kind,title,occurred_on,href".encode())
