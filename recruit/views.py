"""The landing page and the member's home."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from .extensions import graph

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("index.html")


@bp.route("/home")
@login_required
def home():
    network = graph().network
    first_total = network.friend_count(current_user.id)
    suggestions, second_total = network.second_degree(current_user.id, 0, 5)
    incoming = graph().friends.incoming(current_user.id)
    return render_template("home.html", first_total=first_total, second_total=second_total,
                           suggestions=suggestions, incoming=incoming)
