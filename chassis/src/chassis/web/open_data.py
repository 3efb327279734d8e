"""The open data files a service writes (``chassis.open_data``), served at stable URLs:
``GET /open-data/datapackage.json`` (the data card) and ``GET /open-data/<dataset>.csv``
or ``.json``. Public, as the records they hold are."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, Response

from chassis.open_data import OpenData
from chassis.web.problems import Problem, problem_responses
from kernel.errors import Wording

MEDIA_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


class NoSuchOpenDataFile(Problem):
    status, type_slug = 404, "not-found"
    title = Wording("Not found", "Không tìm thấy")


class OpenDataNotWrittenYet(Problem):
    status, type_slug = 503, "open-data-not-written-yet"
    title = Wording("Not written yet", "Chưa tạo xong")


def serve_open_data(app: FastAPI, open_data: OpenData) -> None:
    router = APIRouter(prefix="/open-data", tags=["open data (dữ liệu mở)"])
    names = open_data.file_names()

    @router.get("/{file_name}", response_class=Response, responses={
        **problem_responses(404, 503),
        200: {"description": "The file", "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/json": {"schema": {}}}}})
    def open_data_file(file_name: str) -> Response:
        """An open data file (CSV or JSON) or the data card (datapackage.json)."""
        if file_name not in names:
            raise NoSuchOpenDataFile(Wording(
                f"No open data file is named {file_name[:80]}; the data card lists them",
                f"Không có tệp dữ liệu mở tên {file_name[:80]}; xem datapackage.json"))
        path = open_data.directory / file_name
        if not path.is_file():
            raise OpenDataNotWrittenYet(Wording(
                "The open data files are being written; try again in a minute",
                "Tệp dữ liệu mở đang được tạo; xin thử lại sau ít phút"))
        return FileResponse(path, media_type=MEDIA_TYPES[path.suffix],
                            headers={"Cache-Control": "public, max-age=300"})

    app.include_router(router)
