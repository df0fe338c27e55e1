"""free_starts_anyone: every start at which someone is free, and who."""

from datetime import date

import pytest

from creneau.scheduling.engine import Policy

from .helpers import local, span, staff, starts, starts_anyone, wall_clock

TUESDAY = date(2026, 6, 9)
HOURLY = Policy(slot_step_minutes=60, min_notice_minutes=0)
NOW = local(TUESDAY, "00:00")


def test_it_offers_each_start_with_the_staff_members_free_then():
    alice = staff("09:00-12:00", staff_id=1, busy=[span(TUESDAY, "10:00", "11:00")])
    bruno = staff("10:00-13:00", staff_id=2)

    result = starts_anyone([alice, bruno], TUESDAY, policy=HOURLY, now=NOW)

    assert [(wall_clock([start])[0], ids) for start, ids in result] == [
        ("09:00", (1,)),
        ("10:00", (2,)),
        ("11:00", (1, 2)),
        ("12:00", (2,)),
    ]


def test_it_is_the_union_of_each_staff_members_starts():
    team = [
        staff("09:00-12:00", staff_id=7, busy=[span(TUESDAY, "09:30", "10:10")]),
        staff("09:20-11:00", staff_id=3),
        staff("13:00-15:00", staff_id=5, time_off=[span(TUESDAY, "13:00", "14:00")]),
    ]

    result = starts_anyone(team, TUESDAY, minutes=45)

    expected = sorted({start for member in team for start in starts(member, TUESDAY, minutes=45)})
    assert [start for start, _ in result] == expected
    for start, ids in result:
        assert ids == tuple(
            member.staff_id
            for member in sorted(team, key=lambda m: m.staff_id)
            if start in starts(member, TUESDAY, minutes=45)
        )


def test_it_sorts_staff_ids_whatever_the_order_of_the_staff():
    team = [staff("09:00-10:00", staff_id=staff_id) for staff_id in (30, 10, 20)]

    result = starts_anyone(team, TUESDAY, policy=HOURLY, now=NOW)

    assert result == [(local(TUESDAY, "09:00"), (10, 20, 30))]


def test_a_closure_blocks_every_staff_member():
    team = [staff("09:00-12:00", staff_id=1), staff("09:00-12:00", staff_id=2)]

    result = starts_anyone(
        team, TUESDAY, policy=HOURLY, now=NOW, closures=[span(TUESDAY, "09:00", "11:00")]
    )

    assert result == [(local(TUESDAY, "11:00"), (1, 2))]


def test_it_offers_nothing_without_staff():
    assert starts_anyone([], TUESDAY) == []


def test_it_refuses_the_same_staff_member_twice():
    with pytest.raises(ValueError, match="appears twice"):
        starts_anyone([staff("09:00-10:00", staff_id=4), staff("14:00-15:00", staff_id=4)], TUESDAY)
