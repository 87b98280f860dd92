"""Due dates in working days: the ``holidays`` package (Vietnam) plus the administrators' table of swapped days.

Known dates, Tết included, 2025–2028; a make-up Saturday from the package and
one from the table; the table wins over the package and is re-read when edited.
"""

from __future__ import annotations

import datetime as dt

import pytest

from online_services.models import CalendarDay
from online_services.workdays import add_working_days, holidays, is_working_day

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # 2025: 30/4, 1/5 and 2/5 off, 2/5 swapped with Saturday 26/4 (a make-up working day).
        (D(2025, 4, 25), 1, D(2025, 4, 26)),
        (D(2025, 4, 25), 5, D(2025, 5, 6)),
        # Tết Ất Tỵ 2025: Monday 27/1 to Saturday 1/2.
        (D(2025, 1, 24), 1, D(2025, 2, 3)),
        # Tết Bính Ngọ 2026: Monday 16/2 to Friday 20/2.
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
        (D(2026, 2, 10), 5, D(2026, 2, 24)),
        # Giỗ Tổ 2026 falls on Sunday 26/4: observed Monday 27/4; then 30/4 and 1/5.
        (D(2026, 4, 24), 3, D(2026, 5, 4)),
        # National Day 2026: 31/8 swapped with Saturday 22/8 (make-up), 1/9 and 2/9 off.
        (D(2026, 8, 21), 1, D(2026, 8, 22)),
        (D(2026, 8, 28), 1, D(2026, 9, 3)),
        # Tết Đinh Mùi 2027: Thursday 4/2 to Wednesday 10/2.
        (D(2027, 2, 3), 1, D(2027, 2, 11)),
        (D(2027, 2, 1), 5, D(2027, 2, 15)),
        # New Year 2028 falls on a Saturday: observed Monday 3/1.
        (D(2027, 12, 31), 1, D(2028, 1, 4)),
        # Tết Mậu Thân 2028: Monday 24/1 to Saturday 29/1.
        (D(2028, 1, 21), 1, D(2028, 1, 31)),
        (D(2028, 1, 20), 3, D(2028, 2, 1)),
        # Received on a Saturday: counting starts Monday; 0 days is the next working day.
        (D(2025, 6, 7), 1, D(2025, 6, 9)),
        (D(2025, 6, 7), 0, D(2025, 6, 9)),
    ],
)
def test_known_due_dates(start, days, due):
    assert add_working_days(start, days) == due


def test_tet_is_off_every_year_without_a_table_to_extend():
    for year, first, last in [(2026, D(2026, 2, 16), D(2026, 2, 20)), (2028, D(2028, 1, 24), D(2028, 1, 28))]:
        days = holidays(year)
        day = first
        while day <= last:
            assert day in days and not is_working_day(day)
            day += dt.timedelta(days=1)
    assert is_working_day(D(2026, 8, 22))  # Saturday, make-up day
    assert not is_working_day(D(2025, 6, 7))  # an ordinary Saturday


def test_the_administrators_table_wins_and_is_read_again_when_edited():
    # A swap announced late: Monday 6/9/2027 off, Saturday 11/9/2027 worked instead.
    assert add_working_days(D(2027, 9, 3), 1) == D(2027, 9, 6)
    off = CalendarDay.objects.create(date=D(2027, 9, 6), kind=CalendarDay.Kind.DAY_OFF, note="Thông báo hoán đổi")
    CalendarDay.objects.create(date=D(2027, 9, 11), kind=CalendarDay.Kind.WORKING_DAY)
    assert not is_working_day(D(2027, 9, 6))
    assert is_working_day(D(2027, 9, 11))
    assert add_working_days(D(2027, 9, 3), 1) == D(2027, 9, 7)
    assert add_working_days(D(2027, 9, 10), 1) == D(2027, 9, 11)
    off.delete()
    assert add_working_days(D(2027, 9, 3), 1) == D(2027, 9, 6)
    # A package holiday the Government did not give (the table says working day) is worked.
    CalendarDay.objects.create(date=D(2026, 11, 24), kind=CalendarDay.Kind.WORKING_DAY)
    assert is_working_day(D(2026, 11, 24))
