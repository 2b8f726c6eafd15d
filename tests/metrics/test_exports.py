"""Every table as CSV and Excel, and the printable report as PDF."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from court.metrics import engine, exports

Q = "from=2023-01-01&to=2023-12-31"


@pytest.fixture
def logged_in(client, admin, old_case):
    old_case(date(2023, 1, 10), date(2023, 2, 9), mode="mediation")
    old_case(date(2023, 3, 1), date(2023, 4, 30))
    old_case(date(2023, 5, 1))
    client.force_login(admin)
    return client


def test_the_figures_csv_has_every_key_and_raw_fractions(logged_in):
    response = logged_in.get(f"/metrics/export/figures.csv?{Q}")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["key", "name", "value"]
    values = {r[0]: r[2] for r in rows[1:]}
    assert set(engine.METRIC_KEYS) <= set(values)
    assert float(values["mediation_rate"]) == 0.5 and values["closed"] == "2"


def test_an_empty_rate_is_an_empty_cell(client, admin, court):
    client.force_login(admin)
    rows = list(csv.reader(io.StringIO(client.get("/metrics/export/figures.csv?from=2019-01-01&to=2019-01-31")
                                       .content.decode("utf-8-sig"))))
    assert {r[0]: r[2] for r in rows[1:]}["mediation_rate"] == ""


@pytest.mark.parametrize("table", exports.TABLES)
def test_every_table_exports_as_csv_and_excel(logged_in, table):
    response = logged_in.get(f"/metrics/export/{table}.csv?{Q}")
    assert response.status_code == 200
    csv_rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    response = logged_in.get(f"/metrics/export/{table}.xlsx?{Q}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == len(csv_rows) > 1
    assert sheet.max_column == len(csv_rows[0])


def test_excel_rates_are_numbers_formatted_as_percentages(logged_in):
    sheet = load_workbook(io.BytesIO(logged_in.get(f"/metrics/export/month.xlsx?{Q}").content)).active
    header = [c.value for c in sheet[1]]
    col = header.index(str(engine.LABELS["mediation_rate"])) + 1
    jan = sheet.cell(row=2, column=col)  # 2023-01: nothing closed
    feb = sheet.cell(row=3, column=col)
    assert jan.value is None and feb.value == 1.0 and feb.number_format == "0.00%"


def test_an_unknown_table_or_format_is_refused(logged_in):
    assert logged_in.get(f"/metrics/export/nothing.csv?{Q}").status_code == 400
    assert logged_in.get(f"/metrics/export/figures.pdf?{Q}").status_code == 400


def test_the_report_covers_the_selected_window_too(logged_in):
    response = logged_in.get(f"/metrics/report.pdf?{Q}")
    assert response.content.startswith(b"%PDF")
    assert logged_in.get("/metrics/report.pdf?month=2023-2x").status_code == 400
