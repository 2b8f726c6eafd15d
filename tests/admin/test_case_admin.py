"""Case records are read-only in the admin (a later issue routes admin case edits through the services), and every
case-record change form opens."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from court.cases.models import Case, CaseEvent, CasePeriod, Hearing, Party, PeriodKind, ServiceAttempt

READ_ONLY = (Case, Party, CasePeriod, ServiceAttempt, Hearing, CaseEvent)


@pytest.fixture
def superuser(court):
    from court.org.models import User

    return User.objects.create_superuser("root", "root@example.cn", "pw-root", court=court)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_case_records_open_read_only_in_the_admin(client, superuser, make_case, model):
    case = make_case(state="heard")
    CasePeriod.objects.create(case=case, kind=PeriodKind.APPRAISAL, start_on=date(2024, 3, 10),
                              end_on=date(2024, 3, 12))
    client.force_login(superuser)
    obj = model.objects.first()
    assert obj is not None
    meta = model._meta
    change = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content  # view only
    assert client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 403
    assert client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")).status_code == 200
    delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("model", (Hearing, ServiceAttempt), ids=lambda m: m.__name__)
def test_saving_a_hearing_or_service_attempt_in_the_admin_is_refused_not_a_server_error(client, superuser, make_case,
                                                                                        model):
    """The change form used to post the protected `status` field back: django-fsm raised, HTTP 500."""
    make_case(state="heard")
    client.force_login(superuser)
    obj = model.objects.first()
    url = reverse(f"admin:cases_{model._meta.model_name}_change", args=[obj.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": obj.status, "case": obj.case_id})
    assert response.status_code == 403
    before = obj.status
    obj.refresh_from_db()
    assert obj.status == before
