"""The private label form."""
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from graph.network.circles import MAX_LABEL_LENGTH


class LabelForm(FlaskForm):
    """A private label for one friend."""

    label = StringField("Label", validators=[
        DataRequired("Type a label."),
        Length(max=MAX_LABEL_LENGTH, message=f"Use at most {MAX_LABEL_LENGTH} characters.")])
