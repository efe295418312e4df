"""Company insight for job seekers through the app: the company page and the job cards
show what employees say only from k posters on, and the poll's share only from k answers."""
from __future__ import annotations

from .candidate_fixtures import world  # noqa: F401  (fixture)
from .workplace_support import workplace  # noqa: F401  (fixture)


def _html(response) -> str:
    return response.get_data(as_text=True)


def test_insight_follows_the_k_threshold(workplace):
    acme = workplace.company("Acme")
    seeker, _ = workplace.members.signup("Sue Seeker")
    recruiter = workplace.world.person("Rex Recruiter")
    workplace.world.recruiter(recruiter, acme)
    job = workplace.world.job(recruiter, acme, title="Platform Engineer")
    workplace.world.run("MATCH (j:Job {id: $id}) SET j.salaryMin = 30000, j.salaryMax = 40000, "
                        "j.currency = 'CNY', j.remote = 'onsite', j.titleKey = 'platform engineer', "
                        "j.createdEpoch = 0", id=job)
    employees = [workplace.employee(acme)[0] for _ in range(3)]

    first = workplace.post_id(employees[0], "/workplace/public", topic="pay",
                              title="Bonuses were cut")
    page = _html(seeker.get(f"/companies/{acme}"))
    assert "What employees say" in page and "Fewer than 3 verified employees" in page
    assert "Bonuses were cut" not in page
    assert "What employees say:" not in _html(seeker.get(f"/jobs/{job}"))

    workplace.post_id(employees[1], f"/workplace/companies/{acme}", topic="managers",
                      title="Private channel words")
    workplace.post_id(employees[2], "/workplace/public", topic="pay", title="Raises late",
                      label="industry")
    thread = f"/workplace/posts/{first}"
    for client in employees:
        client.post(thread + "/react/agree", token_from=thread)
        client.post("/workplace/poll", {"recommend": "yes" if client is not employees[0]
                                        else "no"}, token_from="/workplace")

    page = _html(seeker.get(f"/companies/{acme}"))
    assert "From 3 verified employees" in page
    assert "Pay and benefits: 1 posts" in page and "Managers: 1 posts" in page
    assert "Bonuses were cut" in page  # a top public post labelled with the company
    assert "Private channel words" not in page  # channel posts count, never show
    assert "Raises late" not in page  # its author chose the industry label
    assert "67%" in page and "(3 answers)" in page
    assert "What employees say: Pay and benefits · Managers" in _html(seeker.get(f"/jobs/{job}"))
    assert "What employees say: Pay and benefits" in _html(seeker.get("/jobs/search"))


def test_the_poll_is_for_verified_employees_only(workplace):
    acme = workplace.company("Acme")
    nobody, _ = workplace.members.signup("No Employer")
    assert nobody.post("/workplace/poll", {"recommend": "yes"},
                       token_from="/workplace").status_code == 403
    member, _ = workplace.employee(acme)
    assert member.post("/workplace/poll", {"recommend": "maybe"},
                       token_from="/workplace").status_code == 400
    member.post("/workplace/poll", {"recommend": "yes"}, token_from="/workplace")
    member.post("/workplace/poll", {"recommend": "no"}, token_from="/workplace")
    votes = workplace.world.run("MATCH (v:WorkplaceVote) RETURN v.recommend AS r")
    assert votes == [{"r": False}]  # one answer per member, the latest
