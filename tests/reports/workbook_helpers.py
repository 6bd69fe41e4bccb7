"""What the workbook tests share: a period with answers and evidence, and cells to compare."""

import io

from openpyxl import load_workbook

from tera.assessments import actions
from tera.assessments.models import Answer
from tera.audit.models import AuditEntry
from tera.evidence import actions as evidence
from tera.evidence.models import EvidenceLink
from tera.reports.workbooks import layout
from tera.reports.workbooks.writer import TABLE_HEADER_ROW, build_workbook


def answer_of(period, number):
    answer = Answer.objects.get(period=period, indicator=number)
    answer.period = period
    return answer


def save(period, number, user, level, fakta="", analisis=""):
    answer = answer_of(period, number)
    return actions.save_answer(
        answer,
        version=answer.version,
        level=level,
        fakta=fakta,
        analisis=analisis,
        level_source=None,
        user=user,
    )


def url_document(period, user, title, **fields):
    return evidence.add_document(
        period.instansi,
        user=user,
        title=title,
        category="kebijakan",
        url=f"https://spbe.example.go.id/{len(title)}/{title.split()[0].lower()}",
        **fields,
    )


def cite(period, number, document, user, contribution=None):
    return evidence.link_document(
        answer_of(period, number), document, user=user, contribution=contribution
    )


def export(period):
    return build_workbook(period)


def cells(content):
    """Every cell value of every sheet, hidden ones included: {sheet: {"D12": value}}."""
    workbook = load_workbook(io.BytesIO(content))
    return {
        sheet.title: {
            cell.coordinate: cell.value
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
        for sheet in workbook.worksheets
    }


def differences(before, after):
    """{(sheet, coordinate): (before, after)} for each cell that is not the same."""
    found = {}
    for sheet in before.keys() | after.keys():
        old, new = before.get(sheet, {}), after.get(sheet, {})
        for coordinate in old.keys() | new.keys():
            if old.get(coordinate) != new.get(coordinate):
                found[(sheet, coordinate)] = (old.get(coordinate), new.get(coordinate))
    return found


def column_letter(column):
    return chr(ord("A") + layout.WORKSHEET_COLUMNS.index(column))


def row_of(content, number):
    """The worksheet row of an indicator, found by its hidden key."""
    sheet = load_workbook(io.BytesIO(content))[layout.WORKSHEET]
    for row in range(TABLE_HEADER_ROW + 1, sheet.max_row + 1):
        if sheet[f"{column_letter(layout.KEY)}{row}"].value == number:
            return row
    raise LookupError(number)


def edit(content, changes, *, as_text=True):
    """A copy of the workbook with {(indicator, column): value} written as a person would.

    Text goes in as Excel keeps typed text (never a formula) unless `as_text` is False.
    """
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[layout.WORKSHEET]
    for (number, column), value in changes.items():
        cell = sheet[f"{column_letter(column)}{row_of(content, number)}"]
        if isinstance(value, str) and as_text:
            layout.put_text(cell, value)
        else:
            cell.value = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def stored(period):
    """What an import may change: the answers, the citations, and the length of the log."""
    answers = list(
        period.answers.order_by("indicator").values_list(
            "indicator", "level", "fakta", "analisis", "status", "version"
        )
    )
    links = sorted(
        EvidenceLink.objects.filter(answer__period=period).values_list(
            "answer__indicator", "document_id", "contribution_id"
        )
    )
    return answers, links, AuditEntry.objects.count()
