"""Builds the DOCX template of the báo cáo sơ kết (``portal/documents/bao-cao-so-ket.docx``)
with python-docx. The portal fills it with docxtpl (``portal.review_docx``); a clerk may
open the .docx in Word or LibreOffice and change its wording, fonts and layout, keeping the
``{{ … }}`` and ``{%… %}`` tags. This script is the way back to the original:

    .venv/bin/python services/portal/tools/make_review_template.py

The layout follows the administrative document form (Decree 30/2020/NĐ-CP): A4, Times New
Roman 13 pt, margins 2 cm (left 3 cm), the body's name and the national motto side by side
in the heading, the title centred in bold.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

TEMPLATE = (Path(__file__).parents[1] / "src" / "portal" / "documents"
            / "bao-cao-so-ket.docx")
FONT = "Times New Roman"
FIGURES_WIDTHS = (Cm(9.2), Cm(2.2), Cm(2.2), Cm(2.4))  # 16 cm: the page between margins
AGENCIES_WIDTHS = (Cm(2.0), Cm(8.4), Cm(2.8), Cm(2.8))


def build() -> None:
    document = Document()
    _page_and_font(document)
    _heading(document)
    title = _paragraph(document, "BÁO CÁO", bold=True, centred=True, size=14, before=12)
    title.paragraph_format.space_after = Pt(0)
    _paragraph(document, "Sơ kết thực hiện Quy chế phối hợp {{ period_words }}", bold=True,
               centred=True, size=14)
    _paragraph(document, "{{ intro }}", first_line=True)
    _paragraph(document, "{%p for section in sections %}")
    _paragraph(document, "{{ section.number }}. {{ section.title }}", bold=True, before=6,
               keep_with_next=True)
    _figures_table(document)
    _paragraph(document, "{%p for line in section.notes %}")
    _paragraph(document, "{{ line }}", italic=True, size=11, before=3)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{{ agencies_number }}. Thời gian trả lời kiến nghị của cử tri theo "
               "cơ quan, đơn vị", bold=True, before=6, keep_with_next=True)
    _paragraph(document, "{%p if agencies %}")
    _paragraph(document, "{{ agencies_rule }}", first_line=True, keep_with_next=True)
    _agencies_table(document)
    _paragraph(document, "{%p else %}")
    _paragraph(document, "Chưa có kiến nghị nào được trả lời trong kỳ.", first_line=True)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p if too_few %}")
    _paragraph(document, "Chưa đủ số liệu để xếp hạng: {{ too_few }}.", first_line=True,
               before=6)
    _paragraph(document, "{%p endif %}")
    _closing(document)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TEMPLATE))


def _page_and_font(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    # East Asian text (and Word's fallback for Vietnamese) uses the same font.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)


def _heading(document: Document) -> None:
    """The body's name (left) and the national motto (right), then the date line."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(6.5), Cm(9.5)))
    left, right = table.rows[0].cells
    _cell_text(left, "{{ body_name }}", bold=True, size=12)
    _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(motto, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13).underline = True
    _cell_text(left, "Số:      /BC-{{ body_code }}", size=13)
    _cell_text(table.rows[1].cells[1], "{{ date_line }}", italic=True, size=13)


def _figures_table(document: Document) -> None:
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    _widths(table, FIGURES_WIDTHS)
    for cell, words in zip(table.rows[0].cells,
                           ("Chỉ tiêu", "{{ this_period }}", "{{ previous_period }}",
                            "Tăng (+), giảm (−)"), strict=True):
        _cell_text(cell, words, bold=True, centred=True, size=12)
    _repeat_as_header(table)
    _loop_row(table, 1, "{%tr for row in section.rows %}")
    cells = table.rows[2].cells
    _cell_text(cells[0], "{{ row.label }}", size=12, centred=False)
    for cell, tag in zip(cells[1:], ("{{ row.value }}", "{{ row.previous }}",
                                     "{{ row.change }}"), strict=True):
        _cell_text(cell, tag, size=12, right=True)
    _whole_row(table, 2)
    _loop_row(table, 3, "{%tr endfor %}")


def _agencies_table(document: Document) -> None:
    table = document.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    _widths(table, AGENCIES_WIDTHS)
    for cell, words in zip(table.rows[0].cells,
                           ("Thứ hạng", "Cơ quan, đơn vị", "Số kiến nghị đã trả lời",
                            "Trung vị số ngày trả lời"), strict=True):
        _cell_text(cell, words, bold=True, centred=True, size=12)
    _repeat_as_header(table)
    _loop_row(table, 1, "{%tr for agency in agencies %}")
    cells = table.rows[2].cells
    _cell_text(cells[0], "{{ agency.rank }}", size=12, centred=True)
    _cell_text(cells[1], "{{ agency.name }}", size=12, centred=False)
    _cell_text(cells[2], "{{ agency.answered }}", size=12, right=True)
    _cell_text(cells[3], "{{ agency.median_days }}", size=12, right=True)
    _whole_row(table, 2)
    _loop_row(table, 3, "{%tr endfor %}")


def _closing(document: Document) -> None:
    _paragraph(document, "")  # a blank line before the addressees and the signature
    table = document.add_table(rows=1, cols=2)
    _widths(table, (Cm(8.0), Cm(8.0)))
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", bold=True, italic=True, size=12, centred=False)
    for line in ("- Thường trực HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh;",
                 "- Đoàn ĐBQH tỉnh;", "- Lưu: VT."):
        _cell_text(left, line, size=11, centred=False)
    _cell_text(right, "{{ signer_title }}", bold=True, size=13)
    _cell_text(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)


def _paragraph(document: Document, words: str, *, bold: bool = False,
               italic: bool = False, centred: bool = False, size: int = 13,
               before: int = 0, first_line: bool = False, keep_with_next: bool = False
               ) -> Paragraph:
    """A paragraph of one run; ``keep_with_next``: a heading never ends a page alone."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = keep_with_next
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if first_line:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    paragraph.paragraph_format.space_before = Pt(before)
    _run(paragraph, words, bold=bold, italic=italic, size=size)
    return paragraph


def _cell_text(cell: _Cell, words: str, *, bold: bool = False, italic: bool = False,
               size: int = 13, centred: bool = True, right: bool = False) -> None:
    """Writes into the cell's first empty paragraph, else a new one."""
    paragraph = cell.paragraphs[-1]
    if paragraph.text:
        paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, words, bold=bold, italic=italic, size=size)


def _run(paragraph: Paragraph, words: str, *, bold: bool = False, italic: bool = False,
         size: int = 13) -> Run:
    run = paragraph.add_run(words)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return run


def _whole_row(table: Table, index: int) -> None:
    """A figure's row is never split across two pages (docxtpl repeats it with this)."""
    properties = table.rows[index]._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _loop_row(table: Table, index: int, tag: str) -> None:
    """A row holding only a docxtpl row tag (``{%tr … %}``): docxtpl removes it."""
    cells = table.rows[index].cells
    _cell_text(cells[0], tag, size=10, centred=False)


def _widths(table: Table, widths: tuple[int, ...]) -> None:
    """Fixed column widths: Word reads the cells', LibreOffice the grid's."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _repeat_as_header(table: Table) -> None:
    """The header row is repeated on each page the table runs onto, and never left alone
    at the foot of a page."""
    for cell in table.rows[0].cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


if __name__ == "__main__":
    build()
    print(TEMPLATE)
