"""Forms of the workplace channel."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from graph.workplace.anonymity import LABEL_CHOICES, TOPICS
from graph.workplace.feedback import REPORT_REASONS
from graph.workplace.posts import MAX_BODY, MAX_COMMENT, MAX_TITLE


class PostForm(FlaskForm):
    """A new post. ``label`` matters in the public channel only."""

    topic = SelectField("Topic", choices=list(TOPICS.items()),
                        validators=[DataRequired("Choose a topic.")])
    title = StringField("Title", validators=[
        DataRequired("Write a title."),
        Length(min=3, max=MAX_TITLE, message=f"Use 3 to {MAX_TITLE} characters.")])
    body = TextAreaField("What do you want to say? (phone numbers, e-mails and ID numbers "
                         "are removed; naming a colleague sends the post to review)",
                         validators=[DataRequired("Write your post."),
                                     Length(min=10, max=MAX_BODY,
                                            message=f"Use 10 to {MAX_BODY} characters.")])
    label = RadioField("Label my post with", choices=list(LABEL_CHOICES.items()),
                       default="company", validators=[Optional()])


class CommentForm(FlaskForm):
    """A comment on a thread."""

    body = TextAreaField("Your comment", validators=[
        DataRequired("Write your comment."),
        Length(max=MAX_COMMENT, message=f"Use at most {MAX_COMMENT} characters.")])


class ReportForm(FlaskForm):
    """Report a post or comment to the moderators."""

    reason = SelectField("Why?", choices=list(REPORT_REASONS.items()),
                         validators=[DataRequired("Choose why you report it.")])


class PollForm(FlaskForm):
    """The one-question poll of a company's verified employees."""

    recommend = RadioField("Would you recommend working at your company to a friend?",
                           choices=[("yes", "Yes"), ("no", "No")],
                           validators=[InputRequired("Answer yes or no.")])


class ModerationForm(FlaskForm):
    """A staff decision on a post or comment; the reason is shown to a warned author."""

    reason = StringField("Reason", validators=[
        Optional(), Length(max=300, message="Use at most 300 characters.")])


class EscalationForm(FlaskForm):
    """A staff request to identify an author: recorded, with its reason."""

    reason = StringField("Why must the author be identified? (recorded)", validators=[
        DataRequired("Say why."), Length(min=10, max=300, message="Use 10 to 300 characters.")])
