"""Peak memory of a server worker while it receives one large evidence upload."""

from __future__ import annotations

import http.client
import re
import subprocess
import uuid
from collections.abc import Iterator

CHUNK = 1024 * 1024


def worker_pids(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in found.split()]


def memory_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not found for process {pid}")


def _parts(boundary: str, token: str, size: int) -> tuple[list[bytes], int]:
    fields = {"csrfmiddlewaretoken": token, "title": "Video demo layanan", "category": "layanan"}
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    )
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return [head, tail], len(head) + size + len(tail)


def _file_body(size: int) -> Iterator[bytes]:
    yield b"%PDF-1.4\n"
    left = size - 9
    filler = b"0" * CHUNK
    while left > 0:
        yield filler[: min(CHUNK, left)]
        left -= CHUNK


def upload(host: str, port: int, path: str, cookie: str, size: int) -> int:
    """POST a `size`-byte PDF to the evidence bank form, streamed; returns the HTTP status."""
    connection = http.client.HTTPConnection(host, port, timeout=300)
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not (csrf_cookie and token):
        raise RuntimeError("the evidence bank page gave no CSRF token")
    boundary = uuid.uuid4().hex
    (head, tail), length = _parts(boundary, token.group(1), size)
    form_path = path + "tambah/"
    connection.putrequest("POST", form_path)
    for name, value in {
        "Cookie": f"{cookie}; csrftoken={csrf_cookie.group(1)}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(length),
        "Referer": f"http://{host}:{port}{path}",
    }.items():
        connection.putheader(name, value)
    connection.endheaders()
    connection.send(head)
    for chunk in _file_body(size):
        connection.send(chunk)
    connection.send(tail)
    status = connection.getresponse().status
    connection.close()
    return status
