"""Forms of the portal: sign-up with the identity OLR 7 asks for, joining a case, the account's contact details
and e-mail address. They parse and check; `accounts` and `codes` write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from court.cases.term import today
from court.org.models import IdType, Role, User

from .identity import is_licence_number, is_mobile_number, normalise_id, normalise_phone, resident_id_problem

ID_FORMAT = _("A resident ID number has 18 characters: 17 digits and a digit or X.")
ID_BIRTH_DATE = _("The birth date in this ID number (characters 7 to 14) is not a real date.")
ID_CHECK_DIGIT = _("This ID number's last character does not match the others: check it against the card.")
ID_TAKEN = _("An account with this identity document exists already: sign in, or reset its password.")
LICENCE_FORMAT = _("A lawyer's licence number (执业证号) has 17 digits.")
LICENCE_NEEDED = _("A lawyer gives the licence number.")
FIRM_NEEDED = _("A lawyer gives the law firm.")
PHONE_FORMAT = _("Give a mobile number such as 13912345678, or an international one such as +85291234567.")
EMAIL_TAKEN = _("An account with this e-mail address exists already: sign in, or reset its password.")
PASSWORDS_DIFFER = _("The two passwords differ.")
WRONG_PASSWORD = _("Your current password is not correct.")

ID_PROBLEMS = {"format": ID_FORMAT, "birth_date": ID_BIRTH_DATE, "check_digit": ID_CHECK_DIGIT}
ACCOUNT_KINDS = [(Role.PARTY, _("A party (or a party's relative or agent)")), (Role.LAWYER, _("A lawyer"))]


def email_taken(address: str, *, other_than: User | None = None) -> bool:
    qs = User.objects.filter(email__iexact=address) | User.objects.filter(username__iexact=address)
    if other_than is not None:
        qs = qs.exclude(pk=other_than.pk)
    return qs.exists()


class SignUpForm(forms.Form):
    """实名注册 (OLR 7): the real name, an identity document, a mobile number and the e-mail address that is the
    electronic service address; a lawyer adds the licence number and the firm."""

    kind = forms.ChoiceField(label=_("I sign up as"), choices=ACCOUNT_KINDS, initial=Role.PARTY,
                             widget=forms.RadioSelect)
    real_name = forms.CharField(label=_("Real name"), max_length=60,
                                help_text=_("As on the identity document (OLR 7)."))
    id_type = forms.ChoiceField(label=_("Identity document"), choices=IdType.choices, initial=IdType.RESIDENT_ID)
    id_number = forms.CharField(label=_("Document number"), max_length=40)
    phone = forms.CharField(label=_("Mobile phone"), max_length=30,
                            help_text=_("A number registered in your real name (OLR 7)."))
    email = forms.EmailField(label=_("E-mail address"), max_length=150,
                             help_text=_("Your sign-in name and electronic service address: the confirmation "
                                         "link goes there."))
    licence_number = forms.CharField(label=_("Licence number (执业证号)"), max_length=30, required=False,
                                     help_text=_("Lawyers only: 17 digits."))
    law_firm = forms.CharField(label=_("Law firm"), max_length=100, required=False, help_text=_("Lawyers only."))
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput,
                                help_text=_("At least 8 characters, not only digits, not a common password and "
                                            "not like your name or e-mail address."))
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput)

    def clean_id_number(self) -> str:
        return normalise_id(self.cleaned_data["id_number"])

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not is_mobile_number(phone):
            raise forms.ValidationError(PHONE_FORMAT, code="phone")
        return phone

    def clean_email(self) -> str:
        address = self.cleaned_data["email"].strip().lower()
        if email_taken(address):
            raise forms.ValidationError(EMAIL_TAKEN, code="taken")
        return address

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number, id_type = data.get("id_number"), data.get("id_type")
        if number and id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(number, today=today())
            if problem:
                self.add_error("id_number", forms.ValidationError(ID_PROBLEMS[problem], code=problem))
        if (number and id_type and "id_number" not in self.errors
                and User.objects.filter(id_type=id_type, id_number=number).exists()):
            self.add_error("id_number", forms.ValidationError(ID_TAKEN, code="taken"))
        if data.get("kind") == Role.LAWYER:
            licence = normalise_id(data.get("licence_number", ""))
            if not licence:
                self.add_error("licence_number", forms.ValidationError(LICENCE_NEEDED, code="required"))
            elif not is_licence_number(licence):
                self.add_error("licence_number", forms.ValidationError(LICENCE_FORMAT, code="licence"))
            data["licence_number"] = licence
            if not (data.get("law_firm") or "").strip():
                self.add_error("law_firm", forms.ValidationError(FIRM_NEEDED, code="required"))
        else:
            data["licence_number"], data["law_firm"] = "", ""
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", forms.ValidationError(PASSWORDS_DIFFER, code="password_mismatch"))
        elif one:
            probe = User(username=data.get("email") or "", email=data.get("email") or "",
                         display_name=data.get("real_name") or "")
            try:
                password_validation.validate_password(one, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class JoinForm(forms.Form):
    code = forms.CharField(label=_("Join code"), max_length=40,
                           help_text=_("Printed on the documents the court served on you, such as ABCD-EFGH-JKLM."))


class ContactForm(forms.ModelForm):
    """What an account changes itself: the mobile number, and a lawyer's firm."""

    class Meta:
        model = User
        fields = ["phone", "law_firm"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Mobile phone")
        self.fields["phone"].required = True
        if self.instance.role != Role.LAWYER:
            del self.fields["law_firm"]

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not is_mobile_number(phone):
            raise forms.ValidationError(PHONE_FORMAT, code="phone")
        return phone


class EmailChangeForm(forms.Form):
    """A new e-mail address: it takes effect when the link sent to it is followed."""

    email = forms.EmailField(label=_("New e-mail address"), max_length=150)
    password = forms.CharField(label=_("Current password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        address = self.cleaned_data["email"].strip().lower()
        if email_taken(address, other_than=self.user):
            raise forms.ValidationError(EMAIL_TAKEN, code="taken")
        return address

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD, code="password_incorrect")
        return password
