"""The three browser journeys' steps (tests/test_browser_journeys.py runs them).

Each journey does its own steps in the browser; the other people in it (the friend who
accepts, the candidate who answers) act through the test client, which is quicker and is
already tested elsewhere. Forms are found by where they post and fields by their names,
never by their words, so the same steps run in every language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .account_support import link_in, mails_to
from .browser_support import Journey
from .conftest import PASSWORD, Members
from .job_support import ask_to_recruit, befriend, create_company, post_job
from .referral_support import set_skills, set_status, work_at


@dataclass
class Case:
    """What a journey needs: the app, its server, the browser and the case's parameters."""

    app: object
    base_url: str
    browser: object
    viewport: str
    language: str
    label: str
    members: Members
    opened: list = field(default_factory=list)

    def journey(self, who: str) -> Journey:
        """A new browser context (one person) for this case."""
        journey = Journey(self.browser, self.base_url, self.viewport, self.language,
                          f"{self.label}-{who}")
        self.opened.append(journey)
        return journey

    def member_id(self, email: str) -> str:
        """The id of the member with this e-mail."""
        return self.app.extensions["graph"].people.login_record(email)["id"]


def log_in(journey: Journey, email: str) -> None:
    """Log in through the form."""
    journey.goto("/login", "login", main=True)
    journey.page.fill("input[name=email]", email)
    journey.page.fill("input[name=password]", PASSWORD)
    journey.submit(journey.page.locator("main form button").first, "logged-in")


# --- a. Job seeker -------------------------------------------------------------------------

def seeker_journey(case: Case) -> None:
    """Sign up, fill the profile, connect with a friend at Acme, see Acme's job in the feed
    with the path drawn, and set the status to open to offers."""
    recruiter, _ = case.members.signup("Zhang Min", "zhang.min@example.com")
    company_id = create_company(recruiter, "Acme Cloud", "acme.example")
    ask_to_recruit(recruiter, company_id)
    job_id = post_job(recruiter, company_id, title="Backend Engineer")
    friend, friend_id = case.members.signup("Li Wei", "li.wei@example.com")
    work_at(friend, "Acme Cloud")
    befriend(friend, friend_id, recruiter, case.member_id("zhang.min@example.com"))

    me = case.journey("seeker")
    page = me.page
    email = "ma.haiyan@example.com"
    me.goto("/signup", "signup", main=True)
    page.fill("input[name=name]", "Ma Haiyan")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    me.submit(page.locator("main form button").first, "signed-up")
    seeker_id = case.member_id(email)

    _, link = link_in(mails_to(case.app, email)[-1][1], "/account/verify/")
    me.goto(link, "verify-email")
    me.submit(me.form_button(link), "email-verified")

    me.goto("/me", "profile", main=True)
    page.fill("input[name=headline]", "Backend engineer, graphs and Go")
    me.submit(me.form_button("/me/basics"), "headline-saved")
    page.fill("input[name=company]", "Globex")
    page.fill("input[name=title]", "Software Engineer")
    page.fill("input[name=start]", "2020-03")
    page.check("input[name=current]")
    me.submit(me.form_button("/me/positions"), "position-added")
    page.fill("input[name=skills]", "Python, Neo4j, Go")
    me.submit(me.form_button("/me/skills"), "skills-saved")

    me.goto("/search?q=Li+Wei", "search", main=True)
    with page.expect_navigation():
        page.locator(f'main a[href="/people/{friend_id}"]').first.click()
    me.check("friend-page", main=True)
    me.submit(me.form_button(f"/people/{friend_id}/friend-request"), "request-sent")
    assert friend.post(f"/people/{seeker_id}/accept", token_from="/network/requests").status_code == 302

    me.goto("/jobs", "job-feed", main=True)
    assert page.locator(f'a[href="/jobs/{job_id}"]').count() >= 1, "Acme's job is not in the feed"
    pictures = page.locator('svg[role="img"][aria-label*="Li Wei"]')
    assert pictures.count() >= 1, "no path picture (svg role=img naming Li Wei) on the job feed"
    me.goto(f"/jobs/{job_id}", "job", main=True)

    me.goto("/me", "profile-again")
    page.select_option("select[name=job_status]", "open")
    me.submit(me.form_button("/me/basics"), "open-to-offers")
    me.goto("/me/candidate", "my-pseudonym", main=True)
    hanzi = pseudonym_name(case.app, seeker_id)
    assert hanzi and hanzi in page.inner_text("main"), "the new pseudonym is not shown"


def pseudonym_name(app, person_id: str) -> str | None:
    """The Chinese name of the member's active pseudonym (read to check the page)."""
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (:Person {id: $id})-[:HAS_PSEUDONYM]->(ps:Pseudonym {active: true}) "
        "RETURN ps.hanzi AS hanzi", id=person_id, database_=app.config["NEO4J_DATABASE"])
    return records[0]["hanzi"] if records else None


# --- b. Recruiter --------------------------------------------------------------------------

def recruiter_journey(case: Case) -> None:
    """Post a job, browse candidates, write to one, read the answer, and reveal both ways
    through the three stages."""
    recruiter, recruiter_id = case.members.signup("Zhang Min", "zhang.min@example.com")
    company_id = create_company(recruiter, "Acme Cloud", "acme.example")
    ask_to_recruit(recruiter, company_id)
    friend, friend_id = case.members.signup("Li Wei", "li.wei@example.com")
    candidate, candidate_id = case.members.signup("Ma Haiyan", "ma.haiyan@example.com")
    work_at(candidate, "Globex", title="Staff Engineer")
    set_skills(candidate, "Python, Go")
    befriend(recruiter, recruiter_id, friend, friend_id)
    befriend(friend, friend_id, candidate, candidate_id)
    set_status(candidate, "looking")

    me = case.journey("recruiter")
    page = me.page
    log_in(me, "zhang.min@example.com")
    me.goto("/jobs/post", "post-a-job", main=True)
    form_path = f"/companies/{company_id}/jobs/new"
    if not page.url.endswith(form_path):  # recruiting for one company: straight to its form
        with page.expect_navigation():
            page.locator(f'main a[href="{form_path}"]').click()
        me.check("job-form", main=True)
    page.fill("input[name=title]", "Platform Engineer")
    page.fill("textarea[name=description]", "Run the graph platform.")
    page.fill("input[name=city]", "Shanghai")
    page.select_option("select[name=remote]", "hybrid")
    page.select_option("select[name=seniority]", "senior")
    page.select_option("select[name=currency]", "CNY")
    page.fill("input[name=salary_min]", "400000")
    page.fill("input[name=salary_max]", "550000")
    page.fill("input[name=skills]", "Python, Go")
    me.submit(page.locator("main form button").first, "job-posted", main=True)
    assert re.search(r"/jobs/[0-9a-f]{32}$", page.url), page.url

    me.goto("/candidates", "candidates", main=True)
    with page.expect_navigation():
        page.locator('main a.person-name[href^="/candidates/"]').first.click()
    me.check("candidate", main=True)
    if page.locator("select[name=job]").count():  # about which job: the one just posted
        values = page.eval_on_selector_all(
            "select[name=job] option", "options => options"
            ".filter(o => o.textContent.includes('Platform Engineer')).map(o => o.value)")
        assert values, "the job just posted is not offered as the conversation's subject"
        page.select_option("select[name=job]", values[0])
    page.fill("textarea[name=body]", "Hello, would you like to talk about a platform role?")
    me.submit(page.locator('form[action*="/message"] button').first, "conversation", main=True)
    thread = re.search(r"/messages/([\w-]+)$", page.url)
    assert thread, page.url
    thread_path = f"/messages/{thread.group(1)}"

    assert candidate.post(thread_path, {"body": "Yes, tell me more."},
                          token_from=thread_path).status_code == 302
    me.goto(thread_path, "reply-read", main=True)
    assert "Yes, tell me more." in page.inner_text("main")

    for stage in (1, 2, 3):
        if stage > 1:  # the candidate's answer moved the stage on: see it
            me.goto(thread_path, f"stage-{stage}")
        me.submit(me.form_button(f"{thread_path}/interest"), f"interest-{stage}")
        assert candidate.post(f"{thread_path}/interest",
                              token_from=thread_path).status_code == 302
    me.goto(thread_path, "revealed", main=True)
    assert page.locator(f'main a[href="/people/{candidate_id}"]').count() >= 1, \
        "the candidate's name is not revealed to the recruiter after three mutual stages"
    assert "Ma Haiyan" in page.inner_text("main")


# --- c. Employee ---------------------------------------------------------------------------

def employee_journey(case: Case) -> None:
    """See which friend fits Acme's job, refer them, follow the recruiter's pipeline moves
    (the recruiter in a second browser) and find the points on the leaderboard."""
    recruiter, _ = case.members.signup("Zhang Min", "zhang.min@example.com")
    company_id = create_company(recruiter, "Acme Cloud", "acme.example")
    ask_to_recruit(recruiter, company_id)
    job_id = post_job(recruiter, company_id, title="Data Engineer", skills="Python, Neo4j")
    employee, employee_id = case.members.signup("Wang Fang", "wang.fang@example.com")
    work_at(employee, "Acme Cloud")
    friend, friend_id = case.members.signup("Chen Jie", "chen.jie@example.com")
    set_skills(friend, "Python, Neo4j")
    befriend(employee, employee_id, friend, friend_id)

    me = case.journey("employee")
    page = me.page
    log_in(me, "wang.fang@example.com")
    me.goto("/referrals/who-fits", "who-fits", main=True)
    fits = page.locator(f"#job-{job_id}")
    assert "Chen Jie" in fits.inner_text(), "the friend who fits is not listed"
    with page.expect_navigation():
        fits.locator(f'a[href*="/jobs/{job_id}/refer?friend={friend_id}"]').click()
    me.check("refer", main=True)
    page.check("input[name=kind][value=friend]")
    page.select_option("select[name=friend]", friend_id)
    page.fill("textarea[name=note]", "Chen Jie built our graph pipeline at university.")
    me.submit(page.locator("main form button").first, "referred", main=True)
    referral = re.search(r"/referrals/([0-9a-f]{32})$", page.url)
    assert referral, page.url
    referral_path = referral.group(0)
    assert friend.post(f"{referral_path}/confirm", token_from=referral_path).status_code == 302

    hirer = case.journey("recruiter")
    log_in(hirer, "zhang.min@example.com")
    hirer.goto(f"/companies/{company_id}/referrals", "pipeline", main=True)
    with hirer.page.expect_navigation():
        hirer.page.locator(f'main a[href="{referral_path}"]').first.click()
    hirer.check("referral", main=True)
    for stage in ("reviewing", "interviewing", "hired"):
        hirer.page.select_option("select[name=stage]", stage)
        hirer.submit(hirer.form_button(f"{referral_path}/move"), f"moved-{stage}")

    me.goto("/referrals", "my-referrals", main=True)
    me.goto(referral_path, "my-referral", main=True)
    hired = translated(case.app, case.language, "Hired")
    assert hired in page.inner_text("main"), f"the referral page does not say {hired!r}"
    me.goto(f"/companies/{company_id}/leaderboard", "leaderboard", main=True)
    points = points_of(case.app, employee_id)
    assert points > 0, "the moves earned no points"
    row = page.locator("main tr, main li").filter(has_text="Wang Fang")
    assert row.count() >= 1 and str(points) in row.first.inner_text(), page.inner_text("main")


def points_of(app, person_id: str) -> int:
    """The points the member earned (read to check the leaderboard)."""
    records, _, _ = app.extensions["graph"].driver.execute_query(
        "MATCH (:Person {id: $id})-[:EARNED]->(a:PointAward) RETURN sum(a.points) AS points",
        id=person_id, database_=app.config["NEO4J_DATABASE"])
    return records[0]["points"]


def translated(app, language: str, text: str) -> str:
    """``text`` as the app shows it in ``language`` (itself while the app has no catalogues)."""
    try:
        from flask_babel import force_locale, gettext
    except ImportError:
        return text
    with app.test_request_context(), force_locale(language):
        return gettext(text)


JOURNEY_STEPS = {"seeker": seeker_journey, "recruiter": recruiter_journey,
                 "employee": employee_journey}
