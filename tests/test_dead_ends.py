"""No link leads to a 4xx (issue 18 § 3): actions a member cannot take are not offered, or
the page says what to do instead; a crawl of what members of each kind see finds no link
that answers an error.
"""
from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from .job_support import ask_to_recruit, befriend, create_company, post_job

WRITE_LINK = "Ask the recruiter about this job under your pseudonym"
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"')
# Not pages: files, the JSON API's machine documents, and leaving the session.
SKIPPED = ("/static/", "/api/", "/logout")


def _set_status(client, status):
    response = client.post("/me/basics", {"headline": "", "job_status": status},
                           token_from="/me")
    assert response.status_code == 302


@pytest.fixture
def scene(members):
    """Acme's recruiter with an open job; a friend who is not looking, a friend who is open
    to offers, and an Acme employee who is open to offers (so tied to the job's company)."""
    recruiter, recruiter_id = members.signup("Rita Recruiter")
    company_id = create_company(recruiter, "Acme", "acme.example")
    ask_to_recruit(recruiter, company_id)
    job_id = post_job(recruiter, company_id)
    idle, idle_id = members.signup("Ivy Idle")
    open_, open_id = members.signup("Otto Open")
    insider, insider_id = members.signup("Ines Insider")
    insider.post("/me/positions", {"company": "Acme", "title": "Engineer", "start": "2020-01",
                                   "current": "y"}, token_from="/me")
    for client, person_id in ((idle, idle_id), (open_, open_id), (insider, insider_id)):
        befriend(client, person_id, recruiter, recruiter_id)
    befriend(idle, idle_id, open_, open_id)
    _set_status(open_, "open")
    _set_status(insider, "open")
    return {"recruiter": (recruiter, recruiter_id), "idle": (idle, idle_id),
            "open": (open_, open_id), "insider": (insider, insider_id), "job": job_id}


def test_not_looking_member_is_told_how_to_write_under_a_pseudonym(scene):
    idle, _ = scene["idle"]
    html = idle.get(f"/jobs/{scene['job']}").get_data(as_text=True)
    assert WRITE_LINK not in html
    assert f"/me/candidate/jobs/{scene['job']}/write" not in html
    assert 'id="pseudonym-unavailable"' in html and "Open to offers" in html
    assert 'href="/me"' in html
    # The page no longer offers it; the address itself still refuses, with the reason.
    refused = idle.get(f"/me/candidate/jobs/{scene['job']}/write")
    assert refused.status_code == 400 and "Open to offers" in refused.get_data(as_text=True)


def test_open_member_is_offered_the_link_and_it_works(scene):
    open_, _ = scene["open"]
    html = open_.get(f"/jobs/{scene['job']}").get_data(as_text=True)
    assert WRITE_LINK in html and 'id="pseudonym-unavailable"' not in html
    assert open_.get(f"/me/candidate/jobs/{scene['job']}/write").status_code == 200


def test_member_tied_to_the_company_is_not_offered_the_link(scene):
    insider, _ = scene["insider"]
    html = insider.get(f"/jobs/{scene['job']}").get_data(as_text=True)
    assert WRITE_LINK not in html
    assert "current employer" in html and 'id="pseudonym-unavailable"' in html
    # No status would cure this one, so no link to change it.
    assert "Change your job status" not in html
    assert insider.get(f"/me/candidate/jobs/{scene['job']}/write").status_code == 403


def test_the_recruiter_sees_no_pseudonym_link_on_their_own_job(scene):
    recruiter, _ = scene["recruiter"]
    html = recruiter.get(f"/jobs/{scene['job']}").get_data(as_text=True)
    assert WRITE_LINK not in html and 'id="pseudonym-unavailable"' not in html


def test_member_page_offers_writing_as_a_pseudonym_only_when_allowed(scene):
    open_, _ = scene["open"]
    idle, idle_id = scene["idle"]
    _, recruiter_id = scene["recruiter"]
    insider, _ = scene["insider"]
    _, open_id = scene["open"]
    assert "Write as your pseudonym" in open_.get(f"/people/{idle_id}").get_data(as_text=True)
    assert open_.get(f"/me/candidate/write/{idle_id}").status_code == 200
    assert "Write as your pseudonym" not in idle.get(f"/people/{open_id}").get_data(as_text=True)
    # The recruiter recruits for the insider's employer: writing would be refused.
    page = insider.get(f"/people/{recruiter_id}").get_data(as_text=True)
    assert "Write as your pseudonym" not in page


def _crawl(client, starts: list[str], limit: int) -> dict[str, int]:
    """GET every same-site link reachable from ``starts`` (breadth first, at most
    ``limit`` pages); the status of each (with the page's message for an error)."""
    seen: dict[str, int | tuple[int, str]] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 400:
            page = response.get_data(as_text=True)
            main = page[page.find("<main"):page.find("</main>")]
            seen[url] = (response.status_code, re.sub(r"<[^>]+>|\s+", " ", main)[:300])
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        for href in HREF.findall(response.get_data(as_text=True)):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc not in ("", "localhost") or target.startswith(("mailto:", "tel:")):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIPPED) and path not in seen:
                queue.append(path)
    return seen


@pytest.mark.parametrize("who", ["idle", "open", "insider", "recruiter"])
def test_no_link_a_member_sees_answers_an_error(scene, who):
    client, person_id = scene[who]
    starts = ["/", "/jobs", f"/jobs/{scene['job']}", "/me", f"/people/{person_id}",
              f"/people/{scene['recruiter'][1]}", "/network", "/circles", "/messages",
              "/me/candidate"]
    statuses = _crawl(client, starts, limit=70)
    broken = {url: status for url, status in statuses.items() if isinstance(status, tuple)}
    assert broken == {}
    assert len(statuses) >= 20  # the crawl really went somewhere


def test_a_new_jobs_empty_pipeline_board_opens(scene):
    # The job page links to its board before anyone applies: that board must answer.
    recruiter, _ = scene["recruiter"]
    assert f"/jobs/{scene['job']}/board" in recruiter.get(f"/jobs/{scene['job']}").get_data(
        as_text=True)
    for view in ("", "?view=table"):
        response = recruiter.get(f"/jobs/{scene['job']}/board{view}")
        assert response.status_code == 200
    # Still 404 for a member who does not recruit for the company.
    idle, _ = scene["idle"]
    assert idle.get(f"/jobs/{scene['job']}/board").status_code == 404
