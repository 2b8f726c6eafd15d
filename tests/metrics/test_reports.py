"""The printable report: an embedded CJK font (readable without Chinese fonts installed), the four figures as
text, the same report as an Excel workbook, and the monthly reports the schedule writes on the 1st."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule
from openpyxl import load_workbook

from court.metrics import archive, summary
from court.metrics.management.commands.metrics_schedule import SCHEDULE_NAME
from court.metrics.models import ProvinceFigure, Target

Q = "from=2023-01-01&to=2023-12-31"


@pytest.fixture
def logged_in(client, admin, old_case, court):
    old_case(date(2023, 1, 10), date(2023, 2, 9), mode="mediation")
    old_case(date(2023, 3, 1), date(2023, 4, 30))
    old_case(date(2023, 3, 6), date(2023, 6, 30), mode="withdrawal", procedure="ordinary")
    old_case(date(2023, 5, 1))
    Target.objects.create(court=court, metric="simple_procedure_rate", value=0.75)
    ProvinceFigure.objects.create(province=court.province, year=2023, metric="avg_trial_days", value=61.5)
    client.force_login(admin)
    return client


def _fonts(body: bytes) -> list[bytes]:
    """The dictionaries of the PDF's font objects (reportlab writes them uncompressed)."""
    return [m.group(0) for m in re.finditer(rb"<<[^<>]*/Type /Font\b[^<>]*>>", body)]


def _objects(body: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", body, re.S)}


def test_every_font_of_the_report_is_embedded(logged_in):
    body = logged_in.get(f"/metrics/report.pdf?{Q}").content
    assert body.startswith(b"%PDF")
    assert b"STSong-Light" not in body and b"/Helvetica" not in body
    fonts = _fonts(body)
    assert fonts, "the report has text"
    objects = _objects(body)
    for font in fonts:
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", font)
        assert descriptor, font
        assert b"/FontFile2" in objects[int(descriptor.group(1))], font  # TrueType outlines, embedded


def _pdftotext(body: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def test_pdftotext_finds_the_four_figures_in_chinese(logged_in, tmp_path, chinese):
    body = logged_in.get(f"/metrics/report.pdf?{Q}", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    text = _pdftotext(body, tmp_path)
    # Three closed: one mediation, one withdrawal (2/3), two under simple procedure (2/3), all in term.
    for label in ("简易程序适用率", "平均审理天数", "法定正常审限内结案率", "调撤率"):
        assert label in text, text[:2000]
    assert text.count("66.67%") >= 2 and "100.00%" in text
    assert "75.00%" in text  # the court's target
    assert "61.5" in text  # the province's figure


def test_the_monthly_report_has_its_month_and_charts(logged_in, tmp_path):
    response = logged_in.get("/metrics/report.pdf?month=2023-02")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"/Subtype /Image" in response.content  # the matplotlib charts
    text = _pdftotext(response.content, tmp_path)
    assert "2023-02-01" in text and "2023-02-28" in text


def test_the_workbook_holds_the_figures(logged_in):
    response = logged_in.get(f"/metrics/report.xlsx?{Q}")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:3] == ["Headline figures", "All figures", "By month"]
    sheet = book["Headline figures"]
    rows = {row[5]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["simple_procedure_rate"][1] == pytest.approx(2 / 3)
    assert rows["simple_procedure_rate"][2] == 0.75
    assert rows["mediation_withdrawal_rate"][1] == pytest.approx(2 / 3)
    assert rows["in_normal_term_rate"][1] == 1.0
    assert rows["avg_trial_days"][1] == pytest.approx(summary.build(
        summary.Filters(court_id=None), summary.Window(date(2023, 1, 1), date(2023, 12, 31))).report.totals[
        "avg_trial_days"])
    assert rows["avg_trial_days"][4] == 61.5
    assert sheet.cell(row=4, column=2).number_format == "0.00%"


def test_the_schedule_is_created_once(db):
    call_command("metrics_schedule", stdout=io.StringIO())
    call_command("metrics_schedule", stdout=io.StringIO())
    schedules = Schedule.objects.filter(name=SCHEDULE_NAME)
    assert schedules.count() == 1
    schedule = schedules.get()
    assert schedule.schedule_type == Schedule.MONTHLY and schedule.func == "court.metrics.tasks.monthly_reports"
    assert timezone.localtime(schedule.next_run).day == 1


def test_the_monthly_job_writes_the_reports_the_president_downloads(logged_in, settings, tmp_path, court, judge,
                                                                   client):
    settings.FANJIAN_REPORTS_DIR = tmp_path / "reports"
    call_command("metrics_report", "--month", "2023-02", stdout=io.StringIO())
    names = sorted(p.name for p in archive.court_dir(court).iterdir())
    assert names == ["2023-02.pdf", "2023-02.xlsx"]
    page = logged_in.get(f"/metrics/?{Q}").content.decode()
    assert 'data-archive="2023-02.pdf"' in page
    download = logged_in.get("/metrics/reports/2023-02.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert logged_in.get("/metrics/reports/..%2F..%2Fsecret.pdf").status_code == 404
    client.force_login(judge)
    assert client.get("/metrics/reports/2023-02.pdf").status_code == 403


@pytest.mark.parametrize("month", ["2023-13", "0002-01", "9999-12", "May"])
def test_metrics_report_refuses_a_bad_month_as_a_usage_error(month):
    """The command reads the month like the dashboard (YYYY-MM, 1990 to next year) and says so, not a traceback."""
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM, from 1990"):
        call_command("metrics_report", "--month", month, stdout=io.StringIO())


def test_a_bad_argument_is_reported_in_the_command_language_whatever_the_site_language(capsys, chinese):
    """FANJIAN_COMMAND_LANGUAGE (English) covers argument parsing too, not only what `handle` prints."""
    from court.metrics.management.commands.metrics_report import Command

    with pytest.raises(SystemExit):
        Command().run_from_argv(["manage.py", "metrics_report", "--month", "2023-13"])
    assert "Give the month as YYYY-MM" in capsys.readouterr().err
