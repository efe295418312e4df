"""Idempotency keys: a double-submitted or retried form is applied once.

"Double submit": the same form (same ``request_id``) sent twice. "Retry after a
timeout": the first attempt either committed but its answer was lost (the retry must
not apply it again) or never reached the database (the retry must apply it).
"""
from __future__ import annotations

import re
import threading

import pytest

import config as app_config
from graph.idempotency import AlreadyApplied
from graph.jobs.postings import JobFields
from recruit import create_app

from .job_support import VALID_JOB, ask_to_recruit, create_company, created_id, outbox_messages
from .referral_support import query, referral_id_from

REQUEST_ID = re.compile(r'name="request_id" value="([^"]+)"')


def form_request_id(client, page: str) -> str:
    """The request id the page's form carries (fresh on every render)."""
    match = REQUEST_ID.search(client.get(page).get_data(as_text=True))
    assert match, f"no request_id on {page}"
    return match.group(1)


def count(app, cypher: str, **params) -> int:
    return query(app, cypher, **params)[0]["n"]


@pytest.fixture
def recruiter(members):
    client, person_id = members.signup("Rita Recruiter")
    company_id = create_company(client, "Acme", "acme.example")
    ask_to_recruit(client, company_id)
    return client, person_id, company_id


def test_every_render_carries_a_new_request_id(recruiter):
    client, _, company_id = recruiter
    page = f"/companies/{company_id}/jobs/new"
    assert form_request_id(client, page) != form_request_id(client, page)


def test_double_submitted_job_post_is_posted_once(app, recruiter):
    client, _, company_id = recruiter
    url = f"/companies/{company_id}/jobs/new"
    form = {**VALID_JOB, "title": "Graph Engineer", "request_id": form_request_id(client, url)}
    first = created_id(client.post(url, form, token_from=url), "/jobs/")
    second = created_id(client.post(url, form, token_from=url), "/jobs/")
    assert first == second  # the repeat answers with the job the first one posted
    assert count(app, "MATCH (j:Job {title: 'Graph Engineer'}) RETURN count(j) AS n") == 1
    # A new render of the form is a new post.
    form["request_id"] = form_request_id(client, url)
    third = created_id(client.post(url, form, token_from=url), "/jobs/")
    assert third != first
    assert count(app, "MATCH (j:Job {title: 'Graph Engineer'}) RETURN count(j) AS n") == 2


def test_forms_without_a_request_id_still_work_and_damaged_ones_are_refused(app, recruiter):
    client, _, company_id = recruiter
    url = f"/companies/{company_id}/jobs/new"
    created_id(client.post(url, VALID_JOB, token_from=url), "/jobs/")
    damaged = client.post(url, {**VALID_JOB, "request_id": "x' OR 1=1"}, token_from=url)
    assert damaged.status_code == 400
    assert "This form is damaged" in damaged.get_data(as_text=True)
    assert count(app, "MATCH (j:Job) RETURN count(j) AS n") == 1


def test_request_ids_are_per_member(app, members, recruiter):
    """Another member sending the same id (seen in a shared screenshot, say) neither
    blocks nor replays the first member's write."""
    client, _, company_id = recruiter
    url = f"/companies/{company_id}/jobs/new"
    request_id = form_request_id(client, url)
    created_id(client.post(url, {**VALID_JOB, "request_id": request_id}, token_from=url), "/jobs/")
    other, other_id = members.signup("Olga Other")
    other_company = create_company(other, "Other Co", "other.example")
    ask_to_recruit(other, other_company)
    other_url = f"/companies/{other_company}/jobs/new"
    created_id(other.post(other_url, {**VALID_JOB, "request_id": request_id},
                          token_from=other_url), "/jobs/")
    assert count(app, "MATCH (j:Job) RETURN count(j) AS n") == 2


def test_retry_after_a_timeout_that_never_reached_the_database_applies_once(app, recruiter):
    """The first attempt goes to an app whose Neo4j is unreachable (a 503, nothing
    written); the member retries the same form once the database is back."""
    client, person_id, company_id = recruiter
    url = f"/companies/{company_id}/jobs/new"
    form = {**VALID_JOB, "title": "Retried Job", "request_id": form_request_id(client, url)}
    settings = app_config.TestConfig()
    settings.NEO4J_URI = "bolt://127.0.0.1:9"  # nothing listens there: connection refused
    cut_off = create_app(settings)
    cut_off.config["WTF_CSRF_ENABLED"] = False
    # The member's session cookie, on that app (the session lives in the database).
    name = cut_off.config["SESSION_COOKIE_NAME"]
    cut_off_client = cut_off.test_client()
    cut_off_client.set_cookie(name, client.client.get_cookie(name).value)
    failed = cut_off_client.post(url, data=form)
    cut_off.extensions["graph"].close()
    assert failed.status_code == 503
    assert count(app, "MATCH (j:Job {title: 'Retried Job'}) RETURN count(j) AS n") == 0
    created_id(client.post(url, form, token_from=url), "/jobs/")
    created_id(client.post(url, form, token_from=url), "/jobs/")  # and once more
    assert count(app, "MATCH (j:Job {title: 'Retried Job'}) RETURN count(j) AS n") == 1


def test_concurrent_double_submits_make_one_job(app, recruiter):
    _, person_id, company_id = recruiter
    jobs = app.extensions["graph"].jobs
    fields = JobFields(title="Race Job", description="d", city="Shanghai", remote="onsite",
                       salary_min=1, salary_max=2, currency="CNY", seniority="senior",
                       skills=["Python"])
    outcomes: list[str] = []

    def submit():
        try:
            outcomes.append(jobs.create(person_id, company_id, fields, request_id="r" * 20))
        except AlreadyApplied as done:
            outcomes.append(done.result)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 4 and len(set(outcomes)) == 1
    assert count(app, "MATCH (j:Job {title: 'Race Job'}) RETURN count(j) AS n") == 1


def test_double_submitted_friend_request_is_sent_once(app, members):
    asker, _ = members.signup("Ann Asker")
    _, target_id = members.signup("Tom Target")
    page = f"/people/{target_id}"
    form = {"request_id": form_request_id(asker, page)}
    first = asker.post(f"/people/{target_id}/friend-request", form, token_from=page)
    second = asker.post(f"/people/{target_id}/friend-request", form, token_from=page)
    assert first.status_code == second.status_code == 302
    assert "Friend request sent." in asker.get("/network/requests").get_data(as_text=True)
    assert count(app, "MATCH ()-[r:FRIEND_REQUEST]->() RETURN count(r) AS n") == 1
    # Without the key the repeat is refused as before (409), not applied.
    third = asker.post(f"/people/{target_id}/friend-request", token_from=page)
    assert third.status_code == 409


def test_double_submitted_referral_is_made_and_mailed_once(app, world, outbox):
    employee = world.employee.client
    url = f"/jobs/{world.job_id}/refer"
    form = {"kind": "outside", "name": "Olga Outside", "email": "olga@mail.example",
            "note": "Great engineer.", "request_id": form_request_id(employee, url)}
    first = referral_id_from(employee.post(url, form, token_from=url))
    second = referral_id_from(employee.post(url, form, token_from=url))
    assert first == second
    assert count(app, "MATCH (r:Referral) RETURN count(r) AS n") == 1
    assert len(outbox_messages(outbox)) == 1  # the invitation went out once
