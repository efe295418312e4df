"""The channels: the overview, the public channel and a company's own, threads, and
writing to them. The limits on posting count per author (their keyed hash, never their id)
and per company."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from graph.errors import Forbidden, Invalid
from graph.workplace.anonymity import LABEL_CHOICES, ME_TOO, REACTIONS, TOPICS, author_key
from graph.workplace.reading import SORTS

from ..extensions import graph, limiter
from ..i18n.labels import TranslatedLabels, error_text
from ..listing import requested_page
from . import bp
from .forms import CommentForm, PollForm, PostForm, ReportForm


def _my_company() -> dict | None:
    """The company whose channel the member belongs to, once per request."""
    if "workplace_company" not in g:
        g.workplace_company = graph().workplace.membership(current_user.id)
    return g.workplace_company


def _author_limit_key() -> str:
    return "workplace-author:" + author_key(graph().workplace.key, current_user.id)


def _company_limit_key() -> str:
    company = _my_company()
    return "workplace-company:" + (company["id"] if company else "none")


def _posting_limits(view):
    """Per author and per company, on POST only."""
    view = limiter.limit(lambda: current_app.config["WORKPLACE_POST_LIMIT"],
                         key_func=_author_limit_key, methods=["POST"])(view)
    return limiter.limit(lambda: current_app.config["WORKPLACE_COMPANY_POST_LIMIT"],
                         key_func=_company_limit_key, methods=["POST"])(view)


def _sort() -> str:
    sort = request.args.get("sort", "new")
    return sort if sort in SORTS else "new"


def _common() -> dict:
    return {"topics": TranslatedLabels(TOPICS), "reactions": TranslatedLabels(REACTIONS),
            "label_choices": TranslatedLabels(LABEL_CHOICES),
            "k": current_app.config["WORKPLACE_K"]}


@bp.route("/workplace")
@login_required
def index():
    """The member's channels, their warnings and the poll."""
    company = _my_company()
    vote = graph().workplace_feedback.my_vote(current_user.id, company["id"]) if company else None
    return render_template("workplace/index.html", company=company, vote=vote,
                           warnings=graph().workplace_moderation.my_warnings(current_user.id),
                           poll=PollForm(formdata=None), **_common())


@bp.route("/workplace/public", methods=["GET", "POST"])
@login_required
@_posting_limits
def public():
    """The public channel: every member reads, verified employees post."""
    return _channel("public", None)


@bp.route("/workplace/companies/<company_id>", methods=["GET", "POST"])
@login_required
@_posting_limits
def company(company_id: str):
    """A company's own channel: its verified employees only."""
    return _channel("company", company_id)


def _channel(channel: str, company_id: str | None):
    form = PostForm()
    status = 200
    if form.is_submitted():
        status = 400
        if form.validate():
            # The form is for the channel in the URL: a member posts to their own company's.
            mine = _my_company()
            if channel == "company" and (mine is None or mine["id"] != company_id):
                raise Forbidden("Only the verified employees of this company can post here.")
            try:
                created = graph().workplace.create_post(
                    current_user.id, channel, form.topic.data, form.title.data,
                    form.body.data, form.label.data or "company")
            except Invalid as exc:
                form.body.errors.append(error_text(exc))
            else:
                if created["status"] == "held":
                    flash(_("Your post names someone at your company, so a moderator will "
                            "review it before it is shown."), "info")
                else:
                    flash(_("Posted anonymously."), "success")
                return redirect(url_for("workplace.thread", post_id=created["id"])
                                if created["status"] == "visible" else request.path)
    page, sort = requested_page(), _sort()
    if channel == "public":
        posts, total = graph().workplace_reading.public_posts(sort, page.skip, page.size)
        data = {"company": None, "posts": posts, "total": total, "posters": None}
    else:
        data = graph().workplace_reading.company_posts(current_user.id, company_id, sort,
                                                       page.skip, page.size)
    return render_template("workplace/channel.html", channel=channel, data=data, form=form,
                           page=page, pages=page.pages_for(data["total"]), sort=sort,
                           can_post=_my_company() is not None, **_common()), status


@bp.route("/workplace/posts/<post_id>")
@login_required
def thread(post_id: str):
    """One thread, with its comments under their per-thread handles."""
    data = graph().workplace_reading.thread(current_user.id, post_id)
    return render_template("workplace/thread.html", data=data, form=CommentForm(formdata=None),
                           report=ReportForm(formdata=None), can_post=_my_company() is not None,
                           me_too=ME_TOO, **_common())


@bp.route("/workplace/posts/<post_id>/comments", methods=["POST"])
@login_required
@_posting_limits
def comment(post_id: str):
    form = CommentForm()
    if not form.validate_on_submit():
        raise Invalid("; ".join(form.body.errors) or "Write your comment.")
    status = graph().workplace.create_comment(current_user.id, post_id, form.body.data)
    flash(_("Your comment names someone at your company, so a moderator will review it first.")
          if status == "held" else _("Comment added."), "info" if status == "held" else "success")
    return redirect(url_for("workplace.thread", post_id=post_id))


@bp.route("/workplace/posts/<post_id>/react/<kind>", methods=["POST"])
@login_required
def react(post_id: str, kind: str):
    graph().workplace_feedback.toggle_reaction(current_user.id, post_id, kind)
    return redirect(url_for("workplace.thread", post_id=post_id))


@bp.route("/workplace/report/<target_id>", methods=["POST"])
@login_required
def report(target_id: str):
    form = ReportForm()
    if not form.validate_on_submit():
        raise Invalid("Choose why you report it.")
    post_id = graph().workplace_feedback.report(current_user.id, target_id, form.reason.data)
    flash(_("Reported. A moderator will look at it."), "info")
    return redirect(url_for("workplace.thread", post_id=post_id))


@bp.route("/workplace/poll", methods=["POST"])
@login_required
def poll():
    form = PollForm()
    if not form.validate_on_submit():
        raise Invalid("Answer yes or no.")
    company = _my_company()
    if company is None:
        raise Forbidden("Only verified employees can answer.")
    graph().workplace_feedback.vote(current_user.id, company["id"], form.recommend.data == "yes")
    flash(_("Thank you. Your answer counts anonymously."), "success")
    return redirect(url_for("workplace.index"))
