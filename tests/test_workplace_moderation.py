"""Moderation of the workplace channel through the app: reports, the staff queue, hide
and restore, warnings by keyed hash, held posts, and the logged escalation."""
from __future__ import annotations

from .candidate_fixtures import world  # noqa: F401  (fixture)
from .workplace_support import workplace  # noqa: F401  (fixture)


def _html(response) -> str:
    return response.get_data(as_text=True)


def _staff(workplace, name="Sam Staff"):
    client, person_id = workplace.members.signup(name)
    workplace.world.run("MATCH (p:Person {id: $id}) SET p.staff = true", id=person_id)
    return client, person_id


def test_report_hide_restore_and_warn(workplace):
    acme = workplace.company("Acme")
    author, _ = workplace.employee(acme)
    reader, _ = workplace.members.signup("Rita Reader")
    staff, _ = _staff(workplace)
    post = workplace.post_id(author, "/workplace/public", title="A rant about lunch")
    thread = f"/workplace/posts/{post}"
    assert reader.post(f"/workplace/report/{post}", {"reason": "abuse"},
                       token_from=thread).status_code == 302
    # A second report by the same member is the same report.
    reader.post(f"/workplace/report/{post}", {"reason": "spam"}, token_from=thread)
    assert workplace.world.run("MATCH (r:WorkplaceReport) RETURN count(r) AS n")[0]["n"] == 1
    assert reader.post(f"/workplace/report/{post}", {"reason": "because"},
                       token_from=thread).status_code == 400

    queue = _html(staff.get("/staff/workplace"))
    assert "A rant about lunch" in queue and "abuse" in queue
    key = workplace.world.run("MATCH (p:WorkplacePost) RETURN p.authorKey AS k")[0]["k"]
    assert key not in queue  # staff tools never display the keyed hash

    # Members are not staff: the queue and every decision refuse them.
    assert reader.get("/staff/workplace").status_code == 403
    assert reader.post(f"/staff/workplace/{post}/hide", {"reason": "x"},
                       token_from="/workplace").status_code == 403
    assert reader.get(thread).status_code == 200

    assert staff.post(f"/staff/workplace/{post}/hide", {"reason": "Off topic"},
                      token_from="/staff/workplace").status_code == 302
    assert reader.get(thread).status_code == 404
    assert "A rant about lunch" not in _html(reader.get("/workplace/public"))
    assert staff.post(f"/staff/workplace/{post}/restore", {"reason": "On appeal"},
                      token_from="/staff/workplace").status_code == 302
    assert reader.get(thread).status_code == 200

    assert staff.post(f"/staff/workplace/{post}/warn", {"reason": "Keep it civil"},
                      token_from="/staff/workplace").status_code == 302
    assert "Keep it civil" in _html(author.get("/workplace"))
    assert "Keep it civil" not in _html(reader.get("/workplace"))
    decisions = workplace.world.run(
        "MATCH (m:WorkplaceModeration)-[:BY]->(s:Person) RETURN m.action AS a ORDER BY a")
    assert [d["a"] for d in decisions] == ["hide", "restore", "warn"]
    assert staff.post(f"/staff/workplace/{post}/delete", {"reason": "x"},
                      token_from="/staff/workplace").status_code == 400


def test_a_held_post_waits_for_staff(workplace):
    acme = workplace.company("Acme")
    author, _ = workplace.employee(acme)
    workplace.employee(acme, "李伟")
    staff, _ = _staff(workplace)
    response = workplace.post(author, f"/workplace/companies/{acme}", title="组长的问题",
                              body="李伟 总是在周五晚上开会。")
    assert response.status_code == 302
    post = workplace.world.run("MATCH (p:WorkplacePost) RETURN p.id AS id")[0]["id"]
    assert author.get(f"/workplace/posts/{post}").status_code == 404
    queue = _html(staff.get("/staff/workplace"))
    assert "组长的问题" in queue and "names a colleague" in queue
    staff.post(f"/staff/workplace/{post}/restore", {"reason": "Fine"},
               token_from="/staff/workplace")
    assert author.get(f"/workplace/posts/{post}").status_code == 200


def test_escalation_is_staff_only_and_recorded(workplace):
    acme = workplace.company("Acme")
    author, _ = workplace.employee(acme, "Ann Author")
    other, _ = workplace.members.signup("Oscar Other")
    staff, staff_id = _staff(workplace)
    post = workplace.post_id(author, "/workplace/public", title="Threatening post")
    assert other.post(f"/staff/workplace/{post}/escalate", {"reason": "I want to know who"},
                      token_from="/workplace").status_code == 403
    assert staff.post(f"/staff/workplace/{post}/escalate", {"reason": "short"},
                      token_from="/staff/workplace").status_code == 400
    assert workplace.world.run("MATCH (e:WorkplaceEscalation) RETURN count(e) AS n")[0]["n"] == 0
    response = staff.post(f"/staff/workplace/{post}/escalate",
                          {"reason": "Police request about a threat"},
                          token_from="/staff/workplace")
    assert response.status_code == 200 and "Ann Author" in _html(response)
    logged = workplace.world.run(
        "MATCH (e:WorkplaceEscalation)-[:BY]->(s:Person), (e)-[:ON]->(p:WorkplacePost) "
        "RETURN s.id AS staff, p.id AS post, e.reason AS reason")
    assert logged == [{"staff": staff_id, "post": post,
                       "reason": "Police request about a threat"}]
    # An author who has since moved to another employer is still found (every member's
    # keyed hash is tried), and the second look-up is recorded too.
    workplace.world.run("MATCH (p:Person {name: 'Ann Author'}) "
                        "SET p.workEmailDomain = 'elsewhere.example'")
    response = staff.post(f"/staff/workplace/{post}/escalate",
                          {"reason": "Court order, second request"}, token_from="/staff/workplace")
    assert "Ann Author" in _html(response)
    assert workplace.world.run("MATCH (e:WorkplaceEscalation) RETURN count(e) AS n")[0]["n"] == 2
