"""Courts, divisions and people's tribunals, trial teams, users and their roles, court calendars."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from court.rules import procedure


class Court(models.Model):
    """A people's court, identified by its 法院代字 (e.g. 陕0122)."""

    code = models.CharField(_("court code"), max_length=16, unique=True, help_text=_("法院代字, e.g. 陕0122"))
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=20, help_text=_("Used for the small-claims wage thresholds."))
    deadline_roll_over = models.BooleanField(
        _("roll deadlines over non-working days"),
        default=True,
        help_text=_("CPL 85: a term whose last day is not a working day ends on the next working day."),
    )
    triage_threshold = models.DecimalField(
        _("triage threshold"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.500"),
        help_text=_("A case whose probability of being complex is at or above this goes to ordinary procedure."),
    )
    triage_review_band = models.DecimalField(
        _("needs-a-human-look band"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.100"),
        help_text=_("Recommendations within this distance of the threshold are flagged for a human look."),
    )

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class Division(models.Model):
    """A division (庭) of a court, or a people's tribunal (派出法庭) away from the seat."""

    class Kind(models.TextChoices):
        DIVISION = "division", _("Division")
        TRIBUNAL = "tribunal", _("People's tribunal")
        FILING = "filing", _("Filing division")

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("court"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DIVISION)

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["court", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="division_unique_name")]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A trial team: one quota judge (员额法官) with assistants (法官助理) and clerks (书记员)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="teams", verbose_name=_("court"))
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, null=True, blank=True, related_name="teams", verbose_name=_("division")
    )
    code = models.CharField(_("code"), max_length=40, help_text=_("The team's identifier in imports and exports."))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("trial team")
        verbose_name_plural = _("trial teams")
        ordering = ["court", "code"]
        constraints = [models.UniqueConstraint(fields=["court", "code"], name="team_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def judge(self) -> User | None:
        return self.members.filter(role=Role.JUDGE).first()


class Role(models.TextChoices):
    JUDGE = "judge", _("Judge")
    ASSISTANT = "assistant", _("Judge's assistant")
    CLERK = "clerk", _("Clerk")
    FILING_OFFICER = "filing_officer", _("Filing officer")
    MEDIATOR = "mediator", _("Mediator")
    ADMINISTRATOR = "administrator", _("Court administrator")
    PARTY = "party", _("Party")
    LAWYER = "lawyer", _("Lawyer")


STAFF_ROLES = frozenset({Role.JUDGE, Role.ASSISTANT, Role.CLERK, Role.FILING_OFFICER, Role.MEDIATOR, Role.ADMINISTRATOR})
TEAM_ROLES = frozenset({Role.JUDGE, Role.ASSISTANT, Role.CLERK})


class MediatorOrg(models.TextChoices):
    """The mediation chain of the county report: 法庭+司法所+派出所+调解委员会+乡贤调解员."""

    COURT = "court", _("Court mediator")
    JUDICIAL_OFFICE = "judicial_office", _("Judicial office")
    POLICE_STATION = "police_station", _("Police station")
    MEDIATION_COMMITTEE = "mediation_committee", _("People's mediation committee")
    VILLAGE_ELDER = "village_elder", _("Village-elder mediator")


class Area(models.Model):
    """A town (乡镇) or a village (村, 社区) of the court's district: where the parties of a dispute live, where a
    mediator of the chain works, and, with its population, the base of "no-litigation villages" (诉源治理)."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="areas", verbose_name=_("court"))
    town = models.CharField(_("town"), max_length=40, help_text=_("乡镇 or 街道."))
    village = models.CharField(_("village"), max_length=40, blank=True,
                               help_text=_("村 or 社区; empty for the town as a whole."))
    population = models.PositiveIntegerField(
        _("residents"), null=True, blank=True, help_text=_("As the court enters it; filings per 1,000 residents."))

    class Meta:
        verbose_name = _("town or village")
        verbose_name_plural = _("towns and villages")
        ordering = ["court", "town", "village"]
        constraints = [models.UniqueConstraint(fields=["court", "town", "village"], name="area_unique_name")]

    def __str__(self) -> str:
        return f"{self.town}{self.village}"


class MediationOrganisation(models.Model):
    """A member of the mediation chain (法庭+司法所+派出所+调解委员会+乡贤调解员): the court's own mediators, a
    judicial office, a police station, a people's mediation committee or the village-elder mediators of an area.
    OMR 5 para 2 and 27: the court publishes and manages the organisations it invites."""

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="mediation_organisations",
                              verbose_name=_("court"))
    kind = models.CharField(_("kind"), max_length=30, choices=MediatorOrg.choices)
    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations",
                             verbose_name=_("area"), help_text=_("The town or village it serves; empty: the county."))
    scope = models.CharField(_("disputes it takes"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mediation organisation")
        verbose_name_plural = _("mediation organisations")
        ordering = ["court", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="mediation_org_unique_name")]

    def __str__(self) -> str:
        return self.name


class IdType(models.TextChoices):
    """The identity documents a person signs up with (OLR 7: 居民身份证件号码, 护照号码 …)."""

    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HMT_PERMIT = "hmt_permit", _("Hong Kong, Macao or Taiwan residence permit")
    FOREIGN_PERMANENT = "foreign_permanent", _("Foreign permanent resident ID card")
    OTHER = "other", _("Other identity document")


class User(AbstractUser):
    """Everyone who signs in: court staff, outside mediators, parties and lawyers."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    court = models.ForeignKey(
        Court, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("court")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("trial team")
    )
    mediator_org = models.CharField(
        _("mediation organisation"), max_length=30, choices=MediatorOrg.choices, blank=True
    )
    mediation_organisation = models.ForeignKey(
        MediationOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="mediators",
        verbose_name=_("mediation organisation (record)"),
        help_text=_("A mediator's organisation in the chain; its kind sets the mediation organisation above."),
    )
    is_president = models.BooleanField(
        _("approves extensions"),
        default=False,
        help_text=_("The court president (院长) or a deputy who may approve term extensions (CPL 152, 164)."),
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    e_address = models.CharField(_("electronic service address"), max_length=200, blank=True)
    law_firm = models.CharField(_("law firm"), max_length=100, blank=True)
    # The identity given at sign-up (OLR 7); one account per identity document.
    id_type = models.CharField(_("identity document"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("identity document number"), max_length=40, blank=True)
    licence_number = models.CharField(_("lawyer's licence number"), max_length=17, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(fields=["id_type", "id_number"], condition=~models.Q(id_number=""),
                                    name="user_unique_identity"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """A mediator's organisation record decides its kind (`mediator_org`, which access reads)."""
        if self.mediation_organisation_id is not None:
            self.mediator_org = self.mediation_organisation.kind
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "mediator_org"}
        super().save(*args, **kwargs)

    @property
    def is_court_staff(self) -> bool:
        return self.role in STAFF_ROLES


class CalendarDay(models.Model):
    """An official holiday or make-up working day (调休) for years the chinese-calendar package does not know."""

    day = models.DateField(_("day"), unique=True)
    is_workday = models.BooleanField(_("working day"), help_text=_("Ticked for a make-up working day, clear for a holiday."))
    note = models.CharField(_("note"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'✓' if self.is_workday else '✗'} {self.note}"


class WageThreshold(models.Model):
    """A province's published average annual wage, from which the small-claims limits follow (CPL 165, JI 272)."""

    province = models.CharField(_("province"), max_length=20)
    effective_from = models.DateField(_("effective from"))
    average_wage = models.DecimalField(_("average annual wage"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wage threshold")
        verbose_name_plural = _("wage thresholds")
        ordering = ["province", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["province", "effective_from"], name="wage_threshold_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.effective_from}: {self.average_wage}"

    def as_rule(self) -> procedure.WageThreshold:
        """This row as `court.rules.procedure.WageThreshold`, where the limits are computed."""
        return procedure.WageThreshold(self.province, self.effective_from, self.average_wage)

    @property
    def small_claims_limit(self) -> Decimal:
        """50% of the average wage, to the yuan (CPL 165 para 1)."""
        return self.as_rule().small_claims_limit

    @property
    def simple_mandatory_limit(self) -> Decimal:
        """Twice the average wage (CPL 165 para 2; TL2019 Art. 4)."""
        return self.as_rule().simple_mandatory_limit


class Courtroom(models.Model):
    """A room of the court where hearings are held (法庭), or an online room (在线庭审室) for online hearings
    (OLR 21). Managed by the court's administrators; deactivated, never deleted: hearings refer to it."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("Courtroom")
        ONLINE = "online", _("Online room")

    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="courtrooms", verbose_name=_("court"))
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    capacity = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("courtroom")
        verbose_name_plural = _("courtrooms")
        ordering = ["court", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="courtroom_unique_name")]

    def __str__(self) -> str:
        return self.name
