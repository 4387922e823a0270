"""Forms for managing users, units and areas."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

CODE = Regexp(r"^[A-Za-z0-9_\-]+$", message=_l("Use letters, digits, hyphens and underscores only."))


class UserForm(FlaskForm):
    """Create or edit an account; the password is only changed when given."""

    username = StringField(_l("Username"), validators=[InputRequired(_l("Enter a username.")), Length(max=64)])
    service_number = StringField(_l("Service number"), validators=[Optional(), Length(max=64)])
    role = SelectField(_l("Role"), validate_choice=False)
    unit = SelectField(_l("Unit"), validate_choice=False)
    supervised_units = SelectMultipleField(_l("Further units supervised"), validate_choice=False)
    password = PasswordField(_l("Password"), validators=[Optional(), Length(min=4, max=256)])
    active = BooleanField(_l("Active"), default=True)

    def validate_role(self, field) -> None:
        """Only the four known roles."""
        from wtforms.validators import ValidationError

        from ..models import ROLES
        if field.data not in ROLES:
            raise ValidationError(_l("Choose a role from the list."))

    def validate_service_number(self, field) -> None:
        """Officers and supervisors need one: every stop names its author by it."""
        from wtforms.validators import ValidationError

        from ..auth.services import RECORDING_ROLES
        if self.role.data in RECORDING_ROLES and not (field.data or "").strip():
            raise ValidationError(_l("Enter the service number: officers and supervisors need one."))


class UnitForm(FlaskForm):
    """A new unit."""

    code = StringField(_l("Code"), validators=[InputRequired(_l("Enter a code.")), Length(max=64), CODE])
    name = StringField(_l("Name"), validators=[InputRequired(_l("Enter a name.")), Length(max=200)])


class UnitEditForm(FlaskForm):
    """Rename a unit or switch it off (its code stays: stops carry it)."""

    name = StringField(_l("Name"), validators=[InputRequired(_l("Enter a name.")), Length(max=200)])
    active = BooleanField(_l("In use (offered for new accounts)"))


class AreaForm(FlaskForm):
    """Create or edit an area."""

    code = StringField(_l("Code"), validators=[InputRequired(_l("Enter a code.")), Length(max=64), CODE])
    name = StringField(_l("Name"), validators=[InputRequired(_l("Enter a name.")), Length(max=200)])
    latitude = DecimalField(_l("Latitude"), places=None, validators=[
        InputRequired(_l("Enter the latitude.")), NumberRange(-90, 90)])
    longitude = DecimalField(_l("Longitude"), places=None, validators=[
        InputRequired(_l("Enter the longitude.")), NumberRange(-180, 180)])
    active = BooleanField(_l("Active"), default=True)


class AreaImportForm(FlaskForm):
    """Upload an areas CSV."""

    file = FileField(_l("CSV file with columns code, name, latitude, longitude"),
                     validators=[FileRequired(_l("Choose a file."))])


class TokenForm(FlaskForm):
    """A new API token for a user's device or script."""

    username = StringField(_l("Username"), validators=[InputRequired(_l("Enter a username.")), Length(max=64)])
    label = StringField(_l("What it is for"), validators=[Optional(), Length(max=100)])
    days = IntegerField(_l("Valid for (days)"), default=180,
                        validators=[InputRequired(_l("Enter a number of days.")), NumberRange(1, 730)])


class ReceiptRevokeForm(FlaskForm):
    """Revoke the public receipt of one stop, by its reference."""

    reference = StringField(_l("Stop reference, e.g. 7KQ4-M2XD-9P"), validators=[
        InputRequired(_l("Enter the stop's reference.")), Length(max=20)])
