"""Every referral and introduction page renders for the people who may see it, and bad
form input re-renders the form with a message (400), never a 500."""
from __future__ import annotations

from .job_support import befriend
from .referral_support import confirmed_referral, member, move


def test_pages_render(members, world):
    referral_id = confirmed_referral(world)
    pages = {
        world.employee.client: [f"/jobs/{world.job_id}/refer?friend={world.candidate.id}",
                                "/referrals", "/referrals/who-fits", "/referrals/asks",
                                f"/companies/{world.company_id}/leaderboard", "/introductions",
                                "/notices", f"/referrals/{referral_id}"],
        world.candidate.client: [f"/jobs/{world.job_id}/ask", "/referrals", "/notices",
                                 f"/referrals/{referral_id}"],
        world.recruiter.client: [f"/companies/{world.company_id}/referrals",
                                 f"/companies/{world.company_id}/referrals?status=submitted",
                                 f"/referrals/{referral_id}", "/referrals"],
    }
    for client, urls in pages.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
    form = world.employee.client.get(f"/jobs/{world.job_id}/refer?friend={world.candidate.id}")
    assert f'selected value="{world.candidate.id}"' in form.get_data(as_text=True)
    # A nonsense filter is ignored rather than failing.
    bad_filter = world.recruiter.client.get(f"/companies/{world.company_id}/referrals?status=zzz")
    assert bad_filter.status_code == 200
    assert "Nothing yet." in member(members, "New Member").client.get("/notices").get_data(as_text=True)


def test_bad_input_is_a_form_error(world):
    referral_id = confirmed_referral(world)
    too_long = move(world.recruiter.client, referral_id, "reviewing", "x" * 1001)
    assert too_long.status_code == 400 and "Keep the comment" in too_long.get_data(as_text=True)
    url = f"/jobs/{world.job_id}/refer"
    long_note = world.employee.client.post(url, {"kind": "friend", "friend": world.candidate.id,
                                                 "note": "x" * 2001}, token_from=url)
    assert long_note.status_code == 400 and "Keep the note" in long_note.get_data(as_text=True)
    bad_mail = world.employee.client.post(url, {"kind": "outside", "name": "X", "email": "not-an-address"},
                                          token_from=url)
    assert bad_mail.status_code == 400 and "valid e-mail" in bad_mail.get_data(as_text=True)
    ask = world.candidate.client.post(f"/jobs/{world.job_id}/ask", {"friend": "nobody"},
                                      token_from=f"/jobs/{world.job_id}/ask")
    assert ask.status_code == 400 and "Choose one of your friends" in ask.get_data(as_text=True)


def test_introduction_request_page_lists_mutual_friends(members):
    rae, mo, tia = (member(members, n) for n in ("Rae Requester", "Mo Middle", "Tia Target"))
    befriend(rae.client, rae.id, mo.client, mo.id)
    befriend(mo.client, mo.id, tia.client, tia.id)
    profile = rae.client.get(f"/people/{tia.id}").get_data(as_text=True)
    assert "Ask a mutual friend for an introduction" in profile
    page = rae.client.get(f"/people/{tia.id}/introduction").get_data(as_text=True)
    assert "Mo Middle" in page and "no reminders" in page
