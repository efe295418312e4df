"""People search form (GET: it changes nothing, so no CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import SearchField
from wtforms.validators import DataRequired, Length


class PeopleSearchForm(FlaskForm):
    """A name, skill or company fragment."""

    class Meta:
        csrf = False

    q = SearchField("Name, skill or company",
                    validators=[DataRequired("Type a name, a skill or a company."),
                                Length(min=2, max=100, message="Type 2 to 100 characters.")])
