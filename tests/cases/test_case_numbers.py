"""Case numbers (案号): one gapless natural-number sequence per court × type code × year (案号规定 Arts 9-10)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from court.cases.models import CaseNumberSequence
from court.cases.services import allocate_case_number
from court.org.models import Court
from court.rules.case_numbers import CaseNumber


def test_numbers_follow_each_other_without_gaps(court):
    numbers = [allocate_case_number(court=court, type_code="民初", year=2024) for _ in range(5)]
    assert [n.serial for n in numbers] == [1, 2, 3, 4, 5]
    assert numbers[0].format() == "（2024）陕0122民初1号"
    assert CaseNumber.parse(numbers[-1].format()) == numbers[-1]


def test_each_year_type_and_court_has_its_own_sequence(court):
    other = Court.objects.create(code="陕0123", name="other", province="陕")
    allocate_case_number(court=court, type_code="民初", year=2024)
    allocate_case_number(court=court, type_code="民初", year=2024)
    assert allocate_case_number(court=court, type_code="民初", year=2025).serial == 1
    assert allocate_case_number(court=court, type_code="民特", year=2024).serial == 1
    assert allocate_case_number(court=other, type_code="民初", year=2024).serial == 1
    assert CaseNumberSequence.objects.get(court=court, type_code="民初", year=2024).last == 2


def test_accepted_cases_take_consecutive_numbers(make_case):
    first, second = make_case(), make_case()
    assert (first.serial, second.serial) == (1, 2)
    assert second.case_number == "（2024）陕0122民初2号"


THREADS, PER_THREAD = 8, 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_on_postgresql_are_unique_and_gapless(court):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    start = threading.Barrier(THREADS)
    serials: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        from django.db import connection as thread_connection

        try:
            start.wait()
            for _ in range(PER_THREAD):
                number = allocate_case_number(court=court, type_code="民初", year=2024)
                with lock:
                    serials.append(number.serial)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(serials) == list(range(1, THREADS * PER_THREAD + 1))
    assert CaseNumberSequence.objects.get(court=court, type_code="民初", year=2024).last == THREADS * PER_THREAD
