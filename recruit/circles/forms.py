"""The private label form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from graph.network.circles import MAX_LABEL_LENGTH


class LabelForm(FlaskForm):
    """A private label for one friend."""

    label = StringField(_l("Label"), validators=[
        DataRequired(_l("Type a label.")),
        Length(max=MAX_LABEL_LENGTH, message=_l("Use at most %(max)s characters.", max=MAX_LABEL_LENGTH))])
