"""The workplace channel through the app against the real Neo4j (docs/workplace.md):
verified employees post and comment, everyone else is refused, labels follow the k
threshold, and nothing reaches the recruiting side."""
from __future__ import annotations

import pytest

from .candidate_fixtures import world  # noqa: F401  (fixture)
from .job_support import confirm_work_email, create_company
from .workplace_support import workplace  # noqa: F401  (fixture)


def _html(response) -> str:
    return response.get_data(as_text=True)


def test_employee_posts_and_comments_through_the_real_trust_flow(members):
    """A member who confirms a work e-mail at a verified company (the real mail flow)
    reads and writes its channel; the post shows a handle and an hour, never a name."""
    admin, _ = members.signup("Ada Admin")
    acme = create_company(admin, "Acme", "acme.example")
    worker, _ = members.signup("Wu Worker")
    confirm_work_email(worker, "wu@acme.example")
    channel = f"/workplace/companies/{acme}"
    assert "Acme's private channel" in _html(worker.get("/workplace"))
    response = worker.post(channel, {"topic": "managers", "title": "Weekly one-on-ones",
                                     "body": "My manager actually listens. Rare!"},
                           token_from=channel)
    assert response.status_code == 302
    thread = response.headers["Location"]
    assert worker.post(thread + "/comments", {"body": "Mine too."},
                       token_from=thread).status_code == 302
    page = _html(admin.get(thread))
    assert "Weekly one-on-ones" in page and "Mine too." in page
    assert "Wu Worker" not in page and "wu@acme.example" not in page
    assert "Weekly one-on-ones" in _html(admin.get(channel))


def test_outsiders_are_refused(workplace):
    acme = workplace.company("Acme")
    beta = workplace.company("Beta")
    member, _ = workplace.employee(acme)
    rival, _ = workplace.employee(beta)
    nobody, _ = workplace.members.signup("No Work Email")
    expired, _ = workplace.employee(acme, valid=False)
    secret = workplace.post_id(member, f"/workplace/companies/{acme}", title="Acme only")
    public = workplace.post_id(member, "/workplace/public", title="For everyone")
    for outsider in (rival, nobody, expired):
        assert outsider.get(f"/workplace/companies/{acme}").status_code == 403
        assert workplace.post(outsider, f"/workplace/companies/{acme}").status_code == 403
        # A company thread answers as if it did not exist; its id is random anyway.
        assert outsider.get(f"/workplace/posts/{secret}").status_code == 404
        assert workplace.comment(outsider, secret).status_code == 404
        assert outsider.post(f"/workplace/posts/{secret}/react/metoo",
                             token_from="/workplace").status_code == 404
        assert outsider.post(f"/workplace/report/{secret}", {"reason": "spam"},
                             token_from="/workplace").status_code == 404
        assert "Acme only" not in _html(outsider.get("/workplace/public"))
    # Every member reads the public channel; only verified employees write there.
    for reader in (rival, nobody, expired):
        assert "For everyone" in _html(reader.get(f"/workplace/posts/{public}"))
    assert workplace.post(nobody, "/workplace/public").status_code == 403
    assert workplace.post(expired, "/workplace/public").status_code == 403
    assert workplace.comment(nobody, public).status_code == 403
    assert workplace.comment(rival, public).status_code == 302


def test_an_unverified_company_has_no_channel(workplace):
    shady = workplace.company("Shady", verified=False)
    member, _ = workplace.employee(shady)
    assert member.get(f"/workplace/companies/{shady}").status_code == 403
    assert workplace.post(member, "/workplace/public").status_code == 403


def test_no_state_change_without_a_csrf_token(workplace):
    acme = workplace.company("Acme")
    member, _ = workplace.employee(acme)
    response = member.raw_post("/workplace/public", {"topic": "pay", "title": "No token",
                                                     "body": "This should not be stored."})
    assert response.status_code == 400
    assert workplace.world.run("MATCH (p:WorkplacePost) RETURN count(p) AS n")[0]["n"] == 0


@pytest.mark.parametrize("fields, message", [
    ({"topic": "gossip"}, "Not a valid choice"),
    ({"title": "x"}, "Use 3 to 120 characters"),
    ({"body": "short"}, "Use 10 to 5000 characters"),
    ({"label": "my-name"}, "Not a valid choice"),
])
def test_bad_posts_get_a_message_not_a_500(workplace, fields, message):
    acme = workplace.company("Acme")
    member, _ = workplace.employee(acme)
    response = workplace.post(member, "/workplace/public", **fields)
    assert response.status_code == 400
    assert message in _html(response)


def test_company_label_only_from_k_posters_and_never_when_declined(workplace):
    """k = 3 here: below it a public post shows the industry; at k the company; a post
    whose author chose the industry never shows the company."""
    big = workplace.company("Bigcorp", industry="Banking")
    first, _ = workplace.employee(big)
    labelled = workplace.post_id(first, "/workplace/public", title="Labelled post")
    coarse = workplace.post_id(first, "/workplace/public", title="Coarse post", label="industry")
    page = _html(first.get(f"/workplace/posts/{labelled}"))
    assert "someone in Banking" in page and "Bigcorp" not in page
    second, _ = workplace.employee(big)
    workplace.comment(second, labelled)
    assert "Bigcorp" not in _html(first.get(f"/workplace/posts/{labelled}"))
    third, _ = workplace.employee(big)
    workplace.post_id(third, f"/workplace/companies/{big}", title="Inside")
    assert "Bigcorp" in _html(first.get(f"/workplace/posts/{labelled}"))
    coarse_page = _html(first.get(f"/workplace/posts/{coarse}"))
    assert "someone in Banking" in coarse_page and "Bigcorp" not in coarse_page


def test_sort_top_and_pagination(app, workplace):
    app.config["PAGE_SIZE"] = 2
    acme = workplace.company("Acme")
    member, _ = workplace.employee(acme)
    other, _ = workplace.employee(acme)
    ids = [workplace.post_id(member, "/workplace/public", title=f"Post number {n}")
           for n in range(3)]
    thread = f"/workplace/posts/{ids[0]}"
    assert other.post(thread + "/react/helpful", token_from=thread).status_code == 302
    assert other.post(thread + "/react/metoo", token_from=thread).status_code == 302
    top = _html(other.get("/workplace/public?sort=top"))
    assert top.index("Post number 0") < top.index("Post number", top.index("Post number 0") + 1)
    assert "1 reactions · 1 me too · 0 comments" in top
    assert "Page 1 of 2" in top
    second = _html(other.get("/workplace/public?sort=top&page=2"))
    assert second.count("Post number") == 1
    # Reacting again takes the reaction back.
    assert other.post(thread + "/react/helpful", token_from=thread).status_code == 302
    assert "Helpful (0)" in _html(other.get(thread))
    assert other.post(thread + "/react/love", token_from=thread).status_code == 400


def test_personal_data_is_masked_before_storage(workplace):
    acme = workplace.company("Acme")
    member, _ = workplace.employee(acme)
    body = ("Call HR on +86 138 0013 8000 or mail boss@acme.example; "
            "my ID 11010519491231002X is on file.")
    post = workplace.post_id(member, "/workplace/public", body=body)
    stored = workplace.world.run("MATCH (p:WorkplacePost {id: $id}) RETURN p.body AS body",
                                 id=post)[0]["body"]
    for secret in ("138 0013 8000", "boss@acme.example", "11010519491231002X"):
        assert secret not in stored
    assert "[phone removed]" in stored and "[e-mail removed]" in stored
    assert "[ID number removed]" in stored


def test_naming_a_colleague_holds_the_post(workplace):
    acme = workplace.company("Acme")
    member, _ = workplace.employee(acme)
    workplace.employee(acme, "Zhang Min")
    response = workplace.post(member, "/workplace/public", title="About my lead",
                              body="zhang min takes credit for everything.")
    assert response.status_code == 302 and "/workplace/posts/" not in response.headers["Location"]
    assert "About my lead" not in _html(member.get("/workplace/public"))
    status = workplace.world.run("MATCH (p:WorkplacePost) RETURN p.status AS s")[0]["s"]
    assert status == "held"


def test_posting_is_rate_limited_per_author_and_per_company(app, workplace):
    app.config["WORKPLACE_POST_LIMIT"] = "2 per hour"
    app.config["WORKPLACE_COMPANY_POST_LIMIT"] = "3 per hour"
    acme = workplace.company("Acme")
    first, _ = workplace.employee(acme)
    second, _ = workplace.employee(acme)
    assert workplace.post(first, "/workplace/public").status_code == 302
    assert workplace.post(first, "/workplace/public").status_code == 302
    assert workplace.post(first, "/workplace/public").status_code == 429
    assert workplace.post(second, "/workplace/public").status_code == 302
    assert workplace.post(second, "/workplace/public").status_code == 429  # the company's 3
    assert workplace.world.run("MATCH (p:WorkplacePost) RETURN count(p) AS n")[0]["n"] == 3


def test_nothing_reaches_the_recruiting_side(workplace):
    """No person is joined to anything in the channel, no notification is written, and
    no influence or pseudonym changes."""
    acme = workplace.company("Acme")
    member, member_id = workplace.employee(acme)
    colleague, _ = workplace.employee(acme)
    before = workplace.world.run(
        "MATCH (p:Person) RETURN count(p.influence) AS influenced, "
        "COUNT { (:Notification) } AS notices, COUNT { (:Pseudonym) } AS pseudonyms")[0]
    post = workplace.post_id(member, f"/workplace/companies/{acme}")
    workplace.comment(colleague, post)
    colleague.post(f"/workplace/posts/{post}/react/metoo", token_from="/workplace")
    colleague.post("/workplace/poll", {"recommend": "yes"}, token_from="/workplace")
    joined = workplace.world.run(
        "MATCH (p:Person)--(x) WHERE x:WorkplacePost OR x:WorkplaceComment OR "
        "x:WorkplaceHandle OR x:WorkplaceReaction OR x:WorkplaceVote OR x:WorkplaceReport "
        "RETURN count(*) AS n")[0]["n"]
    assert joined == 0
    after = workplace.world.run(
        "MATCH (p:Person) RETURN count(p.influence) AS influenced, "
        "COUNT { (:Notification) } AS notices, COUNT { (:Pseudonym) } AS pseudonyms")[0]
    assert after == before
    assert _html(colleague.get("/notifications")).count("Acme") == 0
