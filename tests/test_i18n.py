"""Languages through the app: the locale a request gets, the switch, Chinese pages,
messages and formats (docs/i18n.md). The catalogue's completeness is
``test_i18n_catalogue.py``."""
from __future__ import annotations

import pytest

from recruit.i18n.formatting import day, minute, salary_range

CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}


def html(response) -> str:
    return response.get_data(as_text=True)


def test_no_accept_language_gets_english(client):
    page = html(client.get("/login"))
    assert '<html lang="en">' in page
    assert "Log in" in page


@pytest.mark.parametrize("header, lang", [
    ("zh-CN,zh;q=0.9", "zh-CN"),
    ("zh", "zh-CN"),
    ("zh-TW", "zh-CN"),            # our only Chinese is Simplified
    ("fr-FR, zh-Hans;q=0.5", "zh-CN"),  # the first language we speak, in the browser's order
    ("en-US,zh;q=0.8", "en"),
    ("fr, de", "en"),             # none of ours: English
    ("*", "en"),
])
def test_accept_language_picks_the_first_language_we_speak(client, header, lang):
    page = html(client.get("/login", headers={"Accept-Language": header}))
    assert f'<html lang="{lang}">' in page


def test_a_chinese_browser_gets_chinese_pages(client):
    page = html(client.get("/login", headers=CHINESE))
    assert '<html lang="zh-CN">' in page
    assert "登录" in page and "忘记密码？" in page
    assert "Forgot your password?" not in page
    # The form's own labels too (lazy_gettext in forms.py).
    assert "密码" in page


def test_every_page_has_the_language_switch(client):
    page = html(client.get("/login"))
    assert 'action="/language"' in page
    assert 'name="csrf_token"' in page.split('action="/language"')[1].split("</form>")[0]
    assert "中文" in page and "English" in page


def test_the_switch_works_logged_out_through_a_cookie(client):
    response = client.post("/language", {"locale": "zh_CN", "next": "/signup"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/signup")
    assert "lang=zh_CN" in response.headers["Set-Cookie"]
    page = html(client.get("/signup"))  # no Accept-Language: the cookie decides
    assert '<html lang="zh-CN">' in page and "创建你的账户" in page
    client.post("/language", {"locale": "en", "next": "/signup"})
    assert '<html lang="en">' in html(client.get("/signup", headers=CHINESE))


@pytest.mark.parametrize("data", [{"locale": "fr"}, {"locale": ""}, {}])
def test_the_switch_refuses_an_unknown_language(client, data):
    assert client.post("/language", data).status_code == 400


def test_the_switch_needs_a_csrf_token(client):
    assert client.raw_post("/language", {"locale": "zh_CN"}).status_code == 400


def test_the_switch_never_redirects_off_site(client):
    response = client.post("/language", {"locale": "zh_CN", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_the_switch_is_stored_on_the_member(app, members, driver, database):
    member, person_id = members.signup("Li Wei", "liwei@example.com")
    assert member.post("/language", {"locale": "zh_CN", "next": "/me"},
                       token_from="/me").status_code == 302
    stored = driver.execute_query("MATCH (p:Person {id: $id}) RETURN p.locale AS locale",
                                  id=person_id, database_=database).records[0]["locale"]
    assert stored == "zh_CN"
    # A new device without the cookie, with an English browser, still gets Chinese.
    from tests.conftest import PASSWORD, CsrfClient
    other = CsrfClient(app.test_client())
    assert other.post("/login", {"email": "liwei@example.com", "password": PASSWORD},
                      headers={"Accept-Language": "en"}).status_code == 302
    page = html(other.get("/me", headers={"Accept-Language": "en"}))
    assert '<html lang="zh-CN">' in page and "我的资料" in page


def test_flash_messages_and_form_errors_follow_the_language(members):
    member, _ = members.signup()
    member.post("/language", {"locale": "zh_CN", "next": "/me"}, token_from="/me")
    response = member.post("/me/skills", {"skills": "Python, Neo4j"}, token_from="/me",
                           follow_redirects=True)
    assert "技能已保存。" in html(response)
    # A WTForms built-in message (Length without a message of ours) comes from WTForms'
    # own Chinese catalogue.
    response = member.post("/me/skills", {"skills": "x" * 2001}, token_from="/me")
    assert response.status_code == 400
    assert "字段长度不能超过 2000 个字符。" in html(response)


def test_error_pages_and_domain_errors_are_translated(client):
    response = client.get("/no-such-page", headers=CHINESE)
    assert response.status_code == 404
    assert "未找到" in html(response) and "这个地址没有内容。" in html(response)


def test_a_domain_error_with_parameters_is_translated(members):
    member, _ = members.signup()
    member.post("/language", {"locale": "zh_CN", "next": "/me"}, token_from="/me")
    response = member.get("/people/no-such-member")
    assert response.status_code == 404
    assert "没有这位会员。" in html(response)


def test_english_pages_are_unchanged_for_an_english_member(members):
    member, _ = members.signup()
    page = html(member.get("/me"))
    assert '<html lang="en">' in page and "My profile" in page


@pytest.mark.parametrize("locale, expected", [
    ("zh_CN", "40万–55万/年"),
    ("en", "CNY 400,000–550,000 / year"),
])
def test_salaries_follow_the_locale(app, locale, expected):
    with app.test_request_context(headers={"Accept-Language": locale.replace("_", "-")}):
        assert salary_range(400_000, 550_000, "CNY") == expected


def test_salary_details_in_chinese(app):
    with app.test_request_context(headers=CHINESE):
        assert salary_range(425_000, 600_000, "CNY") == "42.5万–60万/年"
        assert salary_range(120_000, 150_000, "USD") == "USD 12万–15万/年"
        assert salary_range(8_000, 9_500, "CNY") == "8,000–9,500/年"
        assert day("2026-11-28T09:30:00+00:00") == "2026年11月28日"
        assert minute("2026-11-28T09:30:00+00:00") == "2026年11月28日 09:30"


def test_dates_in_english_stay_iso(app):
    with app.test_request_context():
        assert day("2026-11-28T09:30:00+00:00") == "2026-11-28"
        assert minute("2026-11-28T09:30:00+00:00") == "2026-11-28 09:30"
        assert day("") == ""


def test_account_mail_is_written_in_the_members_language(app, client):
    from tests.account_support import body_of, mails_to
    from tests.conftest import PASSWORD
    response = client.post("/signup", {"name": "马海燕", "email": "mahaiyan@example.com",
                                       "password": PASSWORD, "confirm": PASSWORD},
                           token_from="/signup", headers=CHINESE)
    assert response.status_code == 302
    [(_, message)] = mails_to(app, "mahaiyan@example.com")
    from email.header import decode_header, make_header
    assert str(make_header(decode_header(message["Subject"]))) == "确认你的邮箱地址"
    assert "马海燕，你好" in body_of(message) and "/account/verify/" in body_of(message)


def test_notices_are_shown_in_the_readers_language_at_read_time(members, driver, database):
    wang, _ = members.signup("Wang Fang", "wangfang@example.com")
    li, li_id = members.signup("Li Wei", "liwei@example.com")
    response = wang.post(f"/people/{li_id}/friend-request")
    assert response.status_code == 302, html(response)
    # Stored once, in English (the API's text), with its template and parameters.
    stored = driver.execute_query(
        "MATCH (:Person {id: $id})-[:NOTIFIED]->(n) RETURN n.text AS text", id=li_id,
        database_=database).records[0]["text"]
    assert stored == "Wang Fang sent you a friend request."
    assert "Wang Fang sent you a friend request." in html(li.get("/notices"))
    # The reader switches language: the same notice now reads in Chinese.
    li.post("/language", {"locale": "zh_CN", "next": "/notices"}, token_from="/notices")
    page = html(li.get("/notices"))
    assert "Wang Fang 向你发送了好友请求。" in page
    assert "sent you a friend request" not in page


def _subject(message) -> str:
    from email.header import decode_header, make_header
    return str(make_header(decode_header(message["Subject"])))


def _email_of(app, person_id: str) -> str:
    from tests.referral_support import query
    return query(app, "MATCH (p:Person {id: $id}) RETURN p.email AS email", id=person_id)[0]["email"]


def test_referral_mails_and_notices_follow_each_recipients_language(app, world, outbox):
    from tests.job_support import outbox_messages
    from tests.referral_support import confirm, refer, referral_id_from
    carl, eve = world.candidate, world.employee
    carl.client.post("/language", {"locale": "zh_CN", "next": "/me"}, token_from="/me")
    referral_id = referral_id_from(refer(eve.client, world.job_id, carl.id))
    # Carl chose Chinese: the request reaches him in Chinese, by e-mail and on the site,
    # though Eve (who caused it) reads English.
    [mail] = outbox_messages(outbox)
    assert mail["To"] == _email_of(app, carl.id)
    assert _subject(mail) == "Backend Engineer 职位的内推"
    body = mail.get_payload(decode=True).decode()
    assert "Carl Candidate，你好" in body and "Eve Employee 想内推你应聘 Acme 的 Backend Engineer 职位" in body
    assert "would like to refer you" not in body
    notices = html(carl.client.get("/notices"))
    assert "Eve Employee 想内推你应聘 Acme 的 Backend Engineer 职位。请确认或拒绝。" in notices
    # Carl confirms (in Chinese); Eve and the recruiter never chose a language: English.
    assert confirm(carl.client, referral_id).status_code == 302
    confirmed = [m for m in outbox_messages(outbox)[1:]]
    assert sorted(m["To"] for m in confirmed) == sorted(
        [_email_of(app, eve.id), _email_of(app, world.recruiter.id)])
    assert {_subject(m) for m in confirmed} == {
        "Referral confirmed: Carl Candidate for Backend Engineer"}
    assert "Carl Candidate confirmed your referral for Backend Engineer." in \
        html(eve.client.get("/notices"))
    # Eve switches: her stored notice now reads in Chinese too.
    eve.client.post("/language", {"locale": "zh_CN", "next": "/notices"}, token_from="/notices")
    assert "Carl Candidate 确认了你对 Backend Engineer 职位的内推。" in html(eve.client.get("/notices"))


def test_notice_mail_copies_follow_the_recipients_language(app, members, outbox):
    from tests.job_support import outbox_messages
    from recruit.notices.mails import send_notice_mails
    wang, wang_id = members.signup("Wang Fang", "wangfang@example.com")
    li, li_id = members.signup("Li Wei", "liwei@example.com")
    zhang, zhang_id = members.signup("Zhang Min", "zhangmin@example.com")
    li.post("/language", {"locale": "zh_CN", "next": "/me"}, token_from="/me")
    assert wang.post(f"/people/{li_id}/friend-request").status_code == 302
    assert wang.post(f"/people/{zhang_id}/friend-request").status_code == 302
    with app.app_context():
        assert send_notice_mails() == 2
    mails = {m["To"]: m for m in outbox_messages(outbox)}
    to_li = mails["liwei@example.com"].get_payload(decode=True).decode()
    assert _subject(mails["liwei@example.com"]) == "Wang Fang 向你发送了好友请求。"
    assert "Li Wei，你好" in to_li and "通知设置" in to_li and "friend request" not in to_li
    to_zhang = mails["zhangmin@example.com"].get_payload(decode=True).decode()
    assert _subject(mails["zhangmin@example.com"]) == "Wang Fang sent you a friend request."
    assert "Hello Zhang Min," in to_zhang and "Notification settings" in to_zhang


def test_an_error_page_does_not_echo_its_address(members):
    # The switch on an error page leads to the start page rather than back to the address,
    # so two 404s read the same whatever was asked for (someone else's thing or nothing).
    import re
    member, _ = members.signup()
    member.get("/home")  # shows the flash messages left from signing up
    first, second = member.get("/people/aaaaaaaa"), member.get("/people/bbbbbbbb")
    assert first.status_code == second.status_code == 404
    blank = lambda page: re.sub(r'name="csrf_token" value="[^"]*"', "", html(page))  # noqa: E731
    assert blank(first) == blank(second) and "aaaaaaaa" not in html(first)
    assert 'action="/language"' in html(first)


def test_job_alerts_and_their_digest_follow_the_recipients_language(app, world, outbox):
    from graph.notices.preferences import CATEGORIES, CHANNELS
    from recruit.alerts.work import send_alert_digests
    from tests.job_support import outbox_messages, post_job
    carl = world.candidate  # a friend of Eve, who works at Acme
    carl.client.post("/language", {"locale": "zh_CN", "next": "/me"}, token_from="/me")
    settings = {f"{c}:{ch}": "on" for c in CATEGORIES for ch in CHANNELS}
    assert carl.client.post("/me/notifications", {**settings, "job_alerts": "daily"},
                            token_from="/me/notifications").status_code == 302
    post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    assert "人脉中有新职位：Acme 的 Graph Engineer。" in html(carl.client.get("/notices"))
    with app.test_request_context():  # an English request: the recipient's choice wins
        assert send_alert_digests() == 1
    [mail] = [m for m in outbox_messages(outbox) if m["To"] == _email_of(app, carl.id)]
    assert _subject(mail) == "1 条新提醒"
    body = mail.get_payload(decode=True).decode()
    assert "Carl Candidate，你好" in body and "自上次摘要以来的新提醒" in body
    assert "人脉中有新职位：Acme 的 Graph Engineer。" in body and "New job" not in body


def test_a_history_note_the_site_wrote_reads_in_the_readers_language(app, world):
    from tests.hiring_support import apply, resume_pdf
    from tests.referral_support import confirmed_referral, move
    referral_id = confirmed_referral(world)
    assert move(world.recruiter.client, referral_id, "interviewing").status_code == 302
    assert apply(world.candidate.client, world.job_id, pdf=resume_pdf()).status_code == 302
    page = f"/referrals/{referral_id}"
    assert "The candidate also applied directly and attached a résumé." in \
        html(world.recruiter.client.get(page))
    world.recruiter.client.post("/language", {"locale": "zh_CN", "next": page}, token_from=page)
    chinese = html(world.recruiter.client.get(page))
    assert "候选人也直接提交了申请，并附上了简历。" in chinese and "also applied directly" not in chinese


def test_a_saved_filter_reads_in_the_readers_language_in_its_alert(app, world):
    """The filter inside a job alert is described in the reader's language: the work mode
    is a catalogue label ("Hybrid" / "混合办公"); what the member typed stays as typed."""
    from tests.job_support import post_job
    carl = world.candidate  # a friend of Eve, who works at Acme
    assert carl.client.post("/jobs/saved-filters", {"currency": "CNY", "remote": "hybrid",
                                                    "skills": "Python"},
                            token_from="/jobs").status_code == 302
    assert "Hybrid · Python" in html(carl.client.get("/jobs/saved-filters"))
    post_job(world.recruiter.client, world.company_id, title="Graph Engineer")
    carl.client.post("/language", {"locale": "zh_CN", "next": "/notices"}, token_from="/notices")
    page = html(carl.client.get("/notices"))
    assert "人脉中有符合你保存的筛选条件“混合办公 · Python”的新职位：Acme 的 Graph Engineer。" in page
    assert "Hybrid" not in page
    assert "混合办公 · Python" in html(carl.client.get("/jobs/saved-filters"))


def test_a_known_city_reads_in_the_readers_language(world):
    """A job posted in "Shanghai" reads 上海 on a Chinese page and Shanghai on an English
    one; a city the table does not know stays as typed."""
    from tests.job_support import post_job
    carl = world.candidate  # a friend of Eve, who works at Acme
    known = post_job(world.recruiter.client, world.company_id, title="Graph Engineer",
                     city="Shanghai")
    unknown = post_job(world.recruiter.client, world.company_id, title="Moon Engineer",
                       city="Tranquility Base")
    english = html(carl.client.get(f"/jobs/{known}", headers={"Accept-Language": "en"}))
    assert "· Shanghai" in english and "上海" not in english
    carl.client.post("/language", {"locale": "zh_CN", "next": "/jobs"}, token_from="/jobs")
    assert "· 上海" in html(carl.client.get(f"/jobs/{known}"))
    feed = html(carl.client.get("/jobs"))
    assert "· 上海" in feed and "· Shanghai" not in feed
    assert "· Tranquility Base" in html(carl.client.get(f"/jobs/{unknown}"))


def test_data_through_the_catalogue_is_still_escaped(app):
    """A skill tag goes through the catalogue (families are labels) but is data: it is
    escaped, whatever it holds, in either language."""
    from flask import render_template_string
    source = ('{% from "candidates/_macros.html" import skill_tags %}'
              '{{ skill_tags(["Databases & graphs", "<b>bold</b>"]) }}')
    for language, family in (("en", "Databases &amp; graphs"), ("zh-CN", "数据库与图")):
        with app.test_request_context(headers={"Accept-Language": language}):
            page = render_template_string(source)
        assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
        assert family in page
