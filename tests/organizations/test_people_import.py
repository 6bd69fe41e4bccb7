"""Importing OPD and people from a CSV or XLSX sheet: all rows or none.

Messages are checked in English, the language they are written in; the pages are in Indonesian.
"""

import csv

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook

from tera.audit.models import AuditEntry
from tera.organizations.actions import ImportRejected, import_people
from tera.organizations.models import Membership, Opd

pytestmark = pytest.mark.django_db
User = get_user_model()
Role = Membership.Role

HEADER = ["opd", "singkatan", "username", "nama", "email", "peran"]
PEOPLE = [
    ["Dinas Kesehatan", "Dinkes", "", "", "", ""],
    ["Dinas Kesehatan", "", "siti", "Siti Aminah", "siti@kotasatu.go.id", "opd"],
    ["Inspektorat", "Itda", "rudi", "Rudi Hartono", "rudi@kotasatu.go.id", "asesor"],
    ["", "", "wali-kota", "Andi Wijaya", "", "pimpinan"],
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def write_csv(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def run_import(instansi, path, user):
    return import_people(instansi, path, path.name, user=user)


def problems_of(instansi, path, user):
    with pytest.raises(ImportRejected) as rejected:
        run_import(instansi, path, user)
    return rejected.value.problems


def counts():
    return Opd.objects.count(), User.objects.count(), Membership.objects.count()


def memberships(instansi):
    return sorted(
        (m.user.username, m.role, m.opd.name if m.opd else None)
        for m in Membership.objects.filter(instansi=instansi).select_related("user", "opd")
        if m.user.username != "koordinator"
    )


IMPORTED_MEMBERSHIPS = [
    ("rudi", Role.ASESOR, None),
    ("siti", Role.OPD, "Dinas Kesehatan"),
    ("wali-kota", Role.PIMPINAN, None),
]


def test_csv_import_adds_opd_users_and_memberships(tmp_path, kota, koordinator):
    result = run_import(kota, write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE]), koordinator)
    assert result.opds == ["Dinas Kesehatan", "Inspektorat"]
    assert result.memberships == 3
    assert memberships(kota) == IMPORTED_MEMBERSHIPS


def test_xlsx_import_adds_opd_users_and_memberships(tmp_path, kota, koordinator):
    result = run_import(kota, write_xlsx(tmp_path / "orang.xlsx", [HEADER, *PEOPLE]), koordinator)
    assert result.opds == ["Dinas Kesehatan", "Inspektorat"]
    assert memberships(kota) == IMPORTED_MEMBERSHIPS


def test_new_users_get_a_working_one_time_password(tmp_path, kota, koordinator):
    result = run_import(kota, write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE]), koordinator)
    assert [username for username, _password in result.new_users] == ["siti", "rudi", "wali-kota"]
    for username, password in result.new_users:
        assert User.objects.get(username=username).check_password(password)
    assert len({password for _username, password in result.new_users}) == 3


def test_imported_user_gets_name_and_email(tmp_path, kota, koordinator):
    run_import(kota, write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE]), koordinator)
    siti = User.objects.get(username="siti")
    assert (siti.first_name, siti.last_name, siti.email) == (
        "Siti",
        "Aminah",
        "siti@kotasatu.go.id",
    )


def test_opd_only_row_adds_the_opd_with_its_short_name(tmp_path, kota, koordinator):
    run_import(kota, write_csv(tmp_path / "opd.csv", [HEADER, *PEOPLE]), koordinator)
    assert Opd.objects.get(instansi=kota, name="Dinas Kesehatan").short_name == "Dinkes"


def test_indonesian_column_names_work(tmp_path, kota, koordinator):
    header = ["Nama OPD", "Singkatan", "Nama Pengguna", "Nama Lengkap", "Surel", "Peran"]
    run_import(kota, write_xlsx(tmp_path / "pegawai.xlsx", [header, *PEOPLE]), koordinator)
    assert memberships(kota) == IMPORTED_MEMBERSHIPS


def test_semicolon_separated_csv_works(tmp_path, kota, koordinator):
    path = write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE], delimiter=";")
    run_import(kota, path, koordinator)
    assert memberships(kota) == IMPORTED_MEMBERSHIPS


def test_role_names_are_read_without_regard_to_case(tmp_path, kota, koordinator):
    rows = [
        HEADER,
        ["", "", "rudi", "", "", "Asesor Internal"],
        ["", "", "ani", "", "", "PIMPINAN"],
    ]
    run_import(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert memberships(kota) == [("ani", Role.PIMPINAN, None), ("rudi", Role.ASESOR, None)]


def test_member_of_an_existing_opd_joins_it(tmp_path, kota, koordinator, kominfo):
    rows = [HEADER, ["dinas komunikasi dan informatika", "", "budi", "", "", "opd"]]
    result = run_import(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert result.opds == []
    assert Membership.objects.get(user__username="budi").opd == kominfo


def test_existing_user_gets_the_role_but_no_new_password(tmp_path, kota, koordinator, opd_member):
    rows = [HEADER, ["", "", "staf-kominfo", "", "", "asesor"]]
    result = run_import(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert result.memberships == 1
    assert result.new_users == []
    assert Membership.objects.filter(user=opd_member, role=Role.ASESOR).exists()


def test_import_is_written_to_the_audit_log(tmp_path, kota, koordinator):
    run_import(kota, write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE]), koordinator)
    actions = list(AuditEntry.objects.filter(instansi_id=kota.pk).values_list("action", flat=True))
    assert sorted(actions) == ["membership.add"] * 3 + ["opd.add"] * 2


def test_reimporting_the_same_sheet_adds_nothing_twice(tmp_path, kota, koordinator):
    path = write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE])
    run_import(kota, path, koordinator)
    before = counts()
    again = run_import(kota, path, koordinator)
    assert (again.opds, again.new_users, again.memberships) == ([], [], 0)
    assert counts() == before


def test_sheet_with_errors_in_several_rows_reports_each_row(tmp_path, kota, koordinator):
    rows = [
        HEADER,
        ["Dinas Kesehatan", "Dinkes", "", "", "", ""],
        ["", "", "siti", "Siti Aminah", "", "kepala dinas"],
        ["", "", "rudi", "Rudi Hartono", "", "asesor"],
        ["", "", "budi", "Budi", "", "opd"],
        ["", "", "ani", "Ani", "ani@", "pimpinan"],
    ]
    problems = problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert [problem.split(":")[0] for problem in problems] == ["row 3", "row 5", "row 6"]


def test_sheet_with_errors_writes_nothing(tmp_path, kota, koordinator):
    rows = [
        HEADER,
        ["Dinas Kesehatan", "Dinkes", "", "", "", ""],
        ["Dinas Kesehatan", "", "siti", "Siti Aminah", "", "opd"],
        ["", "", "rudi", "Rudi Hartono", "", "bupati"],
    ]
    before = counts()
    audit_before = AuditEntry.objects.count()
    problems_of(kota, write_xlsx(tmp_path / "orang.xlsx", rows), koordinator)
    assert counts() == before
    assert AuditEntry.objects.count() == audit_before


def test_unknown_role_is_reported_with_the_known_ones(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "siti", "", "", "kepala dinas"]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        "row 2: role “kepala dinas” is unknown; use one of: asesor, koordinator, opd, pimpinan."
    ]


def test_missing_role_is_reported(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "siti", "", "", ""]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        "row 2: role “” is unknown; use one of: asesor, koordinator, opd, pimpinan."
    ]


def test_provincial_role_cannot_be_imported(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "siti", "", "", "provinsi"]]
    problems = problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert problems[0].startswith("row 2: role “provinsi” is unknown")


def test_opd_member_without_an_opd_is_reported(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "siti", "Siti Aminah", "", "opd"]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        "row 2: an OPD member needs an OPD."
    ]


@pytest.mark.parametrize("email", ["siti", "siti@", "siti@kotasatu", "siti aminah@kotasatu.go.id"])
def test_bad_email_is_reported(tmp_path, kota, koordinator, email):
    rows = [HEADER, ["", "", "siti", "", email, "asesor"]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        f"row 2: “{email}” is not an e-mail address."
    ]


@pytest.mark.parametrize("username", ["siti aminah", "siti/aminah", "siti#1", "x" * 151])
def test_bad_username_is_reported(tmp_path, kota, koordinator, username):
    rows = [HEADER, ["", "", username, "", "", "asesor"]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        f"row 2: user name “{username}” may contain only letters, digits and @.+-_ (at most 150)."
    ]


def test_row_with_several_problems_reports_each(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "siti aminah", "", "siti@", "opd"]]
    problems = problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator)
    assert len(problems) == 3
    assert all(problem.startswith("row 2: ") for problem in problems)


def test_row_without_opd_or_user_name_is_reported(tmp_path, kota, koordinator):
    rows = [HEADER, ["", "", "", "Siti Aminah", "siti@kotasatu.go.id", "opd"]]
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", rows), koordinator) == [
        "row 2: give an OPD name or a user name."
    ]


def test_blank_rows_are_skipped_but_keep_the_row_numbers(tmp_path, kota, koordinator):
    rows = [HEADER, ["Dinas Kesehatan", "", "", "", "", ""], [], ["", "", "siti", "", "", "x"]]
    problems = problems_of(kota, write_xlsx(tmp_path / "orang.xlsx", rows), koordinator)
    assert problems[0].startswith("row 4: ")


def test_too_long_opd_name_is_reported(tmp_path, kota, koordinator):
    rows = [HEADER, ["Dinas " + "x" * 250, "", "", "", "", ""]]
    before = counts()
    assert problems_of(kota, write_csv(tmp_path / "opd.csv", rows), koordinator) == [
        "row 2: the OPD name is longer than 255 characters."
    ]
    assert counts() == before


def test_too_long_opd_short_name_is_reported(tmp_path, kota, koordinator):
    rows = [HEADER, ["Dinas Kesehatan", "D" * 51, "", "", "", ""]]
    assert problems_of(kota, write_csv(tmp_path / "opd.csv", rows), koordinator) == [
        "row 2: the short name is longer than 50 characters."
    ]


def test_sheet_with_only_a_header_is_rejected(tmp_path, kota, koordinator):
    assert problems_of(kota, write_csv(tmp_path / "orang.csv", [HEADER]), koordinator) == [
        "The sheet has no rows under its header."
    ]


def test_file_that_is_not_csv_or_xlsx_is_rejected(tmp_path, kota, koordinator):
    path = tmp_path / "orang.txt"
    path.write_text("opd,username\nDinas Kesehatan,siti\n", encoding="utf-8")
    before = counts()
    assert len(problems_of(kota, path, koordinator)) == 1
    assert counts() == before


def test_broken_xlsx_is_rejected(tmp_path, kota, koordinator):
    path = tmp_path / "orang.xlsx"
    path.write_bytes(b"PK\x03\x04 bukan excel")
    assert len(problems_of(kota, path, koordinator)) == 1


@pytest.mark.parametrize("person", ["asesor", "pimpinan", "opd_member", "outsider", "provincial"])
def test_only_the_koordinator_may_import(tmp_path, request, kota, person):
    path = write_csv(tmp_path / "orang.csv", [HEADER, *PEOPLE])
    with pytest.raises(PermissionDenied):
        run_import(kota, path, request.getfixturevalue(person))


def post_sheet(client, instansi, name, content):
    url = reverse("organizations:people_import", args=[instansi.pk])
    return client.post(url, {"sheet": SimpleUploadedFile(name, content)})


def csv_content(rows):
    return "\n".join(",".join(row) for row in rows).encode()


def row_prefix(number):
    """How a problem row starts on the page, which is in Indonesian."""
    with translation.override("id"):
        return translation.gettext("row %(row)s: %(problem)s") % {"row": number, "problem": ""}


def test_koordinator_import_page_shows_each_new_password_once(client, koordinator, kota):
    client.force_login(koordinator)
    response = post_sheet(client, kota, "orang.csv", csv_content([HEADER, *PEOPLE]))
    assert response.status_code == 200
    imported = response.context["imported"]
    assert imported.memberships == 3
    for _username, password in imported.new_users:
        assert response.text.count(f"<code>{password}</code>") == 1


def test_import_page_lists_the_problem_rows_and_writes_nothing(client, koordinator, kota):
    rows = [HEADER, ["", "", "siti", "", "", "kepala"], ["", "", "budi", "", "", "opd"]]
    client.force_login(koordinator)
    before = counts()
    response = post_sheet(client, kota, "orang.csv", csv_content(rows))
    assert response.status_code == 400
    problems = response.context["problems"]
    assert len(problems) == 2
    assert problems[0].startswith(row_prefix(2)) and problems[1].startswith(row_prefix(3))
    assert all(escape(problem) in response.text for problem in problems)
    assert counts() == before


@pytest.mark.parametrize("person", ["asesor", "pimpinan", "opd_member"])
def test_other_members_of_the_instansi_get_a_403_and_nothing_is_written(
    client, request, kota, person
):
    client.force_login(request.getfixturevalue(person))
    before = counts()
    response = post_sheet(client, kota, "orang.csv", csv_content([HEADER, *PEOPLE]))
    assert response.status_code == 403
    assert counts() == before


def test_outsider_gets_a_404(client, outsider, kota):
    client.force_login(outsider)
    response = post_sheet(client, kota, "orang.csv", csv_content([HEADER, *PEOPLE]))
    assert response.status_code == 404
