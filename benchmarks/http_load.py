"""HTTP load with wrk (Debian package ``wrk``): requests/s and latency percentiles."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Each request carries a different petition, drawn from a vocabulary of topics, places and
# asks, so the similarity index sees a realistic spread rather than one text repeated.
LUA_TEMPLATE = """
local counter = 0
local asks = {"Đề nghị", "Cử tri kiến nghị", "Cử tri phản ánh và đề nghị", "Kiến nghị xem xét"}
local topics = {
  "sửa chữa đường liên xã bị xuống cấp", "nạo vét kênh thủy lợi bị bồi lắng",
  "xử lý ô nhiễm nước thải từ cơ sở chế biến", "hỗ trợ hộ nghèo xây dựng nhà ở",
  "bổ sung giáo viên cho trường tiểu học", "lắp đặt đèn chiếu sáng công cộng",
  "cấp giấy chứng nhận quyền sử dụng đất", "xây dựng trạm y tế mới",
  "chi trả kịp thời trợ cấp người có công", "xử lý sạt lở bờ sông",
  "mở rộng chợ nông thôn", "kiểm soát giá phân bón", "cấp nước sạch nông thôn",
  "bảo đảm an ninh trật tự khu dân cư", "thu gom rác thải sinh hoạt",
  "giải quyết hồ sơ bảo hiểm y tế"}
local places = {"Tân Phú", "Phú Mỹ", "Long Hưng", "Bình Đức", "Mỹ Tho", "Gò Công", "Cai Lậy",
  "Cái Bè", "Chợ Gạo", "Tân Hiệp", "Vĩnh Kim", "Hòa Khánh", "Thạnh Phú", "An Hữu"}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer __TOKEN__"
request = function()
  counter = counter + 1
  local text = asks[(counter % #asks) + 1] .. " " .. topics[(counter % #topics) + 1]
    .. " tại ấp " .. ((counter * 7) % 97 + 1) .. " xã " .. places[(counter % #places) + 1]
  local body = '{"text":"' .. text .. '","commune":"' .. places[(counter % #places) + 1]
    .. '","channel":"mail"}'
  return wrk.format(nil, "__PATH__", nil, body)
end
"""


@dataclass(frozen=True)
class LoadResult:
    """What one wrk run measured."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(
    url: str, path: str, token: str, seconds: int = 8, connections: int = 32, threads: int = 1
) -> LoadResult:
    script = LUA_TEMPLATE.replace("__TOKEN__", token).replace("__PATH__", path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "-s", handle.name, url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(handle.name).unlink()
    return _parse(output)


def _parse(output: str) -> LoadResult:
    rps = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    requests = int(_find(r"(\d+) requests in", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return LoadResult(
        requests_per_second=rps,
        p50_ms=_latency_ms(_find(r"50%\s+([\d.]+\w+)", output)),
        p99_ms=_latency_ms(_find(r"99%\s+([\d.]+\w+)", output)),
        requests=requests,
        errors=errors,
    )


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise ValueError(f"wrk output has no {pattern!r}:\n{text}")
    return match.group(1)


def _latency_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
