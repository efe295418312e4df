"""Forms of the workplace channel."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from graph.workplace.anonymity import LABEL_CHOICES, TOPICS
from graph.workplace.feedback import REPORT_REASONS
from graph.workplace.posts import MAX_BODY, MAX_COMMENT, MAX_TITLE

from ..i18n.labels import lazy_choices


class PostForm(FlaskForm):
    """A new post. ``label`` matters in the public channel only."""

    topic = SelectField(_l("Topic"), choices=lazy_choices(TOPICS),
                        validators=[DataRequired(_l("Choose a topic."))])
    title = StringField(_l("Title"), validators=[
        DataRequired(_l("Write a title.")),
        Length(min=3, max=MAX_TITLE, message=_l("Use 3 to %(max)s characters.", max=MAX_TITLE))])
    body = TextAreaField(_l("What do you want to say? (phone numbers, e-mails and ID numbers "
                            "are removed; naming a colleague sends the post to review)"),
                         validators=[DataRequired(_l("Write your post.")),
                                     Length(min=10, max=MAX_BODY,
                                            message=_l("Use 10 to %(max)s characters.", max=MAX_BODY))])
    label = RadioField(_l("Label my post with"), choices=lazy_choices(LABEL_CHOICES),
                       default="company", validators=[Optional()])


class CommentForm(FlaskForm):
    """A comment on a thread."""

    body = TextAreaField(_l("Your comment"), validators=[
        DataRequired(_l("Write your comment.")),
        Length(max=MAX_COMMENT, message=_l("Use at most %(max)s characters.", max=MAX_COMMENT))])


class ReportForm(FlaskForm):
    """Report a post or comment to the moderators."""

    reason = SelectField(_l("Why?"), choices=lazy_choices(REPORT_REASONS),
                         validators=[DataRequired(_l("Choose why you report it."))])


class PollForm(FlaskForm):
    """The one-question poll of a company's verified employees."""

    recommend = RadioField(_l("Would you recommend working at your company to a friend?"),
                           choices=[("yes", _l("Yes")), ("no", _l("No"))],
                           validators=[InputRequired(_l("Answer yes or no."))])


class ModerationForm(FlaskForm):
    """A staff decision on a post or comment; the reason is shown to a warned author."""

    reason = StringField(_l("Reason"), validators=[
        Optional(), Length(max=300, message=_l("Use at most 300 characters."))])


class EscalationForm(FlaskForm):
    """A staff request to identify an author: recorded, with its reason."""

    reason = StringField(_l("Why must the author be identified? (recorded)"), validators=[
        DataRequired(_l("Say why.")), Length(min=10, max=300, message=_l("Use 10 to 300 characters."))])
