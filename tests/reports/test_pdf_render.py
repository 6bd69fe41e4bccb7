"""Rendering a PDF fetches nothing: no server is called, no local file is read, whatever the
HTML or the data in it names; only data: URIs are read."""

import base64
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from tera.jobs.models import Job
from tera.organizations.models import Opd
from tera.reports.pdf.jobs import make_leadership_report
from tera.reports.pdf.render import html_to_pdf
from tests.reports.test_pdf import pdf_text

A4 = (595, 842)  # points, rounded


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        """Quiet: the test reads the recorded paths instead."""


@pytest.fixture
def server():
    """A local web server that records every request made to it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.paths = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def url_of(server, name):
    return f"http://127.0.0.1:{server.server_address[1]}/{name}"


def png(tmp_path):
    path = tmp_path / "gambar.png"
    Image.new("RGB", (4, 4), "red").save(path)
    return path


def images(content):
    return [image for page in PdfReader(io.BytesIO(content)).pages for image in page.images]


def test_no_server_is_called_for_images_stylesheets_or_fonts(server):
    html = (
        f'<link rel="stylesheet" href="{url_of(server, "gaya.css")}">'
        f"<style>@font-face {{ font-family: X; src: url({url_of(server, 'huruf.woff')}) }}"
        f" body {{ font-family: X; background: url({url_of(server, 'latar.png')}) }}</style>"
        f'<p>Teks</p><img src="{url_of(server, "gambar.png")}">'
    )
    html_to_pdf(html)
    assert server.paths == []


def test_a_local_file_is_not_read(tmp_path):
    content = html_to_pdf(f'<img src="file://{png(tmp_path)}">')
    assert images(content) == []


def test_a_data_uri_image_is_drawn(tmp_path):
    encoded = base64.b64encode(png(tmp_path).read_bytes()).decode()
    content = html_to_pdf(f'<img src="data:image/png;base64,{encoded}">')
    assert len(images(content)) == 1


def test_a_pdf_is_a4():
    page = PdfReader(io.BytesIO(html_to_pdf("<p>Teks</p>"))).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == A4


@pytest.mark.django_db
def test_markup_in_an_opd_name_is_printed_as_text_and_fetches_nothing(server, period, koordinator):
    hostile = f'<img src="{url_of(server, "opd.png")}">'
    Opd.objects.create(instansi=period.instansi, name=hostile)
    job = Job.objects.create(
        kind="report", title="Laporan", params={"period": period.pk}, requested_by=koordinator,
        instansi=period.instansi, started_at=timezone.now(),
    )  # fmt: skip
    output = make_leadership_report(job, lambda percent, message: None)
    assert hostile in pdf_text(output.content)
    assert server.paths == []
