"""People search form (GET: it changes nothing, so no CSRF token)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField
from wtforms.validators import DataRequired, Length


class PeopleSearchForm(FlaskForm):
    """A name, skill or company fragment."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name, skill or company"),
                    validators=[DataRequired(_l("Type a name, a skill or a company.")),
                                Length(min=2, max=100, message=_l("Type 2 to 100 characters."))])
