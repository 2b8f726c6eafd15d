"""The hearing calendars (court staff), the public hearing announcement and the online hearing room.

Each page runs a fixed number of queries whatever it shows (the hearings of the range in one query with their
case, room and judge; the parties of the announcement in one more), and every range is bounded: a day between
`bounds.FIRST_YEAR` and a year ahead, an announcement of the next `ANNOUNCE_DAYS` days in pages of
`ANNOUNCE_PAGE` rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from court.cases.access import is_external, sees_hearing_link
from court.cases.bounds import FIRST_YEAR, latest_date
from court.cases.models import Hearing, Party
from court.cases.term import today
from court.org.models import STAFF_ROLES, Courtroom, Team, User

from .calendar import VIEWS, calendar_range

#: The announcement lists the public hearings of the next days, in pages.
ANNOUNCE_DAYS = 30
ANNOUNCE_PAGE = 50
BAD_DAY = "Give the day as YYYY-MM-DD, from %(year)s to a year ahead."


def _court_staff(user: User) -> bool:
    return user.is_superuser or (user.is_active and user.role in STAFF_ROLES and not is_external(user))


def _staff_court_id(user: User) -> int | None:
    if not _court_staff(user):
        raise Http404(_("No such calendar."))
    return user.court_id


def _day(request: HttpRequest) -> date | None:
    """The `day` query parameter (default today); None if it is not a day within the bounds."""
    raw = request.GET.get("day", "")
    if not raw:
        return today()
    try:
        day = date.fromisoformat(raw[:10]) if len(raw) == 10 else None
    except ValueError:
        return None
    if day is None or day.year < FIRST_YEAR or day > latest_date(today()):
        return None
    return day


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), timezone.get_current_timezone())


def _hearings_between(first: date, last: date) -> QuerySet[Hearing]:
    return (Hearing.objects.exclude(status=Hearing.Status.CANCELLED)
            .filter(starts_at__gte=_local_midnight(first), starts_at__lt=_local_midnight(last + timedelta(days=1)))
            .select_related("case", "case__cause", "courtroom", "judge").order_by("starts_at", "pk"))


@login_required
@require_GET
def calendar_index(request: HttpRequest) -> HttpResponse:
    """The court's teams and rooms, each with its week and month calendar."""
    court_id = _staff_court_id(request.user)
    teams = Team.objects.all() if request.user.is_superuser else Team.objects.filter(court_id=court_id)
    rooms = Courtroom.objects.filter(active=True)
    if not request.user.is_superuser:
        rooms = rooms.filter(court_id=court_id)
    return render(request, "hearings/calendar_index.html", {"teams": teams, "rooms": rooms})


def _calendar(request: HttpRequest, view: str, *, team: Team | None = None,
              room: Courtroom | None = None) -> HttpResponse:
    if view not in VIEWS:
        raise Http404(_("No such calendar."))
    day = _day(request)
    if day is None:
        return HttpResponseBadRequest(_(BAD_DAY) % {"year": FIRST_YEAR})
    span = calendar_range(view, day)
    hearings = _hearings_between(span.first, span.last)
    hearings = hearings.filter(case__team=team) if team is not None else hearings.filter(courtroom=room)
    by_day: dict[date, list[Hearing]] = defaultdict(list)
    for h in hearings:
        by_day[timezone.localtime(h.starts_at).date()].append(h)
    weeks = [[(d, by_day.get(d, [])) for d in week] for week in span.weeks]
    lo, hi = date(FIRST_YEAR, 1, 1), latest_date(today())
    return render(request, f"hearings/calendar_{view}.html", {
        "team": team, "room": room, "span": span, "weeks": weeks, "today": today(), "view": view,
        "previous": span.previous if span.previous >= lo else None, "next": span.next if span.next <= hi else None,
        "count": sum(len(v) for v in by_day.values()),
    })


@login_required
@require_GET
def team_calendar(request: HttpRequest, pk: int, view: str) -> HttpResponse:
    court_id = _staff_court_id(request.user)
    teams = Team.objects.all() if request.user.is_superuser else Team.objects.filter(court_id=court_id)
    return _calendar(request, view, team=get_object_or_404(teams, pk=pk))


@login_required
@require_GET
def room_calendar(request: HttpRequest, pk: int, view: str) -> HttpResponse:
    court_id = _staff_court_id(request.user)
    rooms = Courtroom.objects.all() if request.user.is_superuser else Courtroom.objects.filter(court_id=court_id)
    return _calendar(request, view, room=get_object_or_404(rooms, pk=pk))


@require_GET
def announcements(request: HttpRequest) -> HttpResponse:
    """开庭公告 (CPL 139: "公开审理的，应当公告当事人姓名、案由和开庭的时间、地点"): the public hearings of the next
    `ANNOUNCE_DAYS` days with exactly what the article names (and the case number), for anyone, without sign-in.
    Hearings in private (CPL 137) and asynchronous ones (no time or place) are not announced."""
    start = timezone.now()
    end = _local_midnight(today() + timedelta(days=ANNOUNCE_DAYS + 1))
    hearings = (Hearing.objects.filter(status=Hearing.Status.SCHEDULED, public=True, starts_at__gte=start,
                                       starts_at__lt=end)
                .exclude(mode=Hearing.Mode.ASYNC)
                .select_related("case", "case__cause", "case__court", "courtroom").order_by("starts_at", "pk"))
    try:
        number = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return HttpResponseBadRequest(_("No such page."))
    page = Paginator(hearings, ANNOUNCE_PAGE).get_page(number)
    rows = list(page.object_list)
    names: dict[int, list[str]] = defaultdict(list)
    for case_id, name in (Party.objects.filter(case_id__in=[h.case_id for h in rows])
                          .order_by("case_id", "side_rank", "id").values_list("case_id", "name")):
        names[case_id].append(name)
    for h in rows:
        h.party_names = names.get(h.case_id, [])
    return render(request, "hearings/announcements.html", {"page": page, "rows": rows, "days": ANNOUNCE_DAYS})


@login_required
@require_GET
def hearing_room(request: HttpRequest, token: str) -> HttpResponse:
    """The online hearing's room (OLR 21), reached by its random link: only the case's parties, their
    representatives and its trial team; anyone else, or a wrong token, gets the same 404."""
    hearing = (Hearing.objects.select_related("case", "case__cause", "judge", "assistant", "clerk", "courtroom")
               .prefetch_related(Prefetch("case__parties", queryset=Party.objects.order_by("side_rank", "id")))
               .filter(mode=Hearing.Mode.ONLINE, online_token=token).exclude(online_token="").first())
    if hearing is None or len(token) < 32 or not sees_hearing_link(request.user, hearing.case):
        raise Http404(_("No such hearing."))
    context: dict[str, Any] = {"hearing": hearing, "case": hearing.case}
    return render(request, "hearings/room.html", context)
