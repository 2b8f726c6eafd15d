"""The cause-of-action catalogue (民事案件案由规定), one version per row (law-digest §10)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ClaimNature


class CauseCatalogue(models.Model):
    """A version of 民事案件案由规定, in force from `effective_from` (law-digest §10)."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("cause catalogue")
        verbose_name_plural = _("cause catalogues")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Cause(models.Model):
    """A cause of action (案由) in one catalogue version, with its place in the hierarchy."""

    catalogue = models.ForeignKey(CauseCatalogue, on_delete=models.PROTECT, related_name="causes")
    #: The catalogue's own label: "第四部分" (level 1), "十" (level 2), "103" (level 3), "103(5)" (level 4).
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"))
    #: The cause's place in the catalogue's printed order (parts, groups, causes, sub-causes depth first).
    position = models.PositiveIntegerField(_("position"), default=0)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    claim_nature = models.CharField(
        _("nature of the claims"), max_length=16, choices=ClaimNature.choices, default=ClaimNature.MIXED,
        help_text=_("CPL 165: small claims are simple money payments; CPL 166(1): never status or title cases."),
    )

    class Meta:
        verbose_name = _("cause of action")
        verbose_name_plural = _("causes of action")
        ordering = ["catalogue", "position"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="cause_unique_code"),
            # A name can repeat at two levels of one catalogue (第一部分 人格权纠纷 / 一、人格权纠纷; 十一、不当得利纠纷 /
            # 144. 不当得利纠纷): by name, the deepest one is meant (`selectors.cause_by_name`).
            models.UniqueConstraint(fields=["catalogue", "level", "name"], name="cause_unique_level_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def lineage(self) -> list["Cause"]:
        """The cause, its parent, … up to its part (level 1)."""
        nodes, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            nodes.append(node)
            node = node.parent
        return nodes


class CauseMapping(models.Model):
    """How a cause of one catalogue version maps to the next (renamed, split, moved, new, removed): generated
    from the published texts, then reviewed by an administrator. `old` is empty for a new cause, `new` for a
    removed one; a split is one row per successor."""

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("renamed")
        SPLIT = "split", _("split")
        MOVED = "moved", _("moved in the tree")
        NEW = "new", _("new")
        REMOVED = "removed", _("removed")

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", _("not reviewed")
        REVIEWED = "reviewed", _("reviewed")

    old_catalogue = models.ForeignKey(CauseCatalogue, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("from catalogue"))
    new_catalogue = models.ForeignKey(CauseCatalogue, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("to catalogue"))
    old = models.ForeignKey(Cause, on_delete=models.PROTECT, null=True, blank=True, related_name="mapped_to",
                            verbose_name=_("cause in the older catalogue"))
    new = models.ForeignKey(Cause, on_delete=models.PROTECT, null=True, blank=True, related_name="mapped_from",
                            verbose_name=_("cause in the newer catalogue"))
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(_("review"), max_length=10, choices=Status.choices, default=Status.UNREVIEWED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cause mapping between catalogues")
        verbose_name_plural = _("cause mappings between catalogues")
        ordering = ["new_catalogue", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.old or '—'} → {self.new or '—'}"
