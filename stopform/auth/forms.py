"""The login and password-change forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from .policy import MAX_LENGTH


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(_l("Username"), validators=[InputRequired(_l("Enter your username.")), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password.")),
                                                         Length(max=256)])


class PasswordChangeForm(FlaskForm):
    """The current password, and the new one twice."""

    current = PasswordField(_l("Current password"), validators=[InputRequired(_l("Enter your current password.")),
                                                                Length(max=MAX_LENGTH)])
    new = PasswordField(_l("New password"), validators=[InputRequired(_l("Enter a new password."))])
    confirm = PasswordField(_l("New password again"), validators=[
        InputRequired(_l("Enter the new password again.")),
        EqualTo("new", _l("The two new passwords are not the same."))])
