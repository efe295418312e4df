"""Chinese input (issue 18 § 2): the city table behind job and profile cities, people search
by characters, pinyin and initials, and the mappers' Chinese vocabulary.

Pure tables and mappers are tested without the database; everything a member does goes
through the app (HTTP), including the attempts that must find nothing.
"""
from __future__ import annotations

import csv

import pytest

from graph.candidates.fields import (REGIONS, default_settings, industry_for, region_for,
                                     seniority_for_title)
from graph.cities import TABLE, all_cities, canonical_city, city_key, find_city
from graph.network.circle_groups import title_family
from graph.people.name_keys import name_keys, search_terms
from graph.schema import apply_schema, missing_schema

from .job_support import ask_to_recruit, create_company, post_job


# ----- the city table ---------------------------------------------------------------------

def test_table_has_every_prefecture_level_city_and_unique_keys():
    rows = list(csv.DictReader(TABLE.open(encoding="utf-8")))
    chinese = [r for r in rows if r["province"]]
    # 4 municipalities + 293 prefecture-level cities (莱芜 merged into 济南 in 2019).
    assert len(chinese) >= 290
    assert len({r["key"] for r in rows}) == len(rows)
    assert len({r["zh"] for r in rows}) == len(rows)
    assert {r["region"] for r in rows} <= set(REGIONS)
    for name in ("北京", "上海", "广州", "深圳", "石家庄", "拉萨", "三沙", "儋州", "香港", "伦敦"):
        assert find_city(name) is not None, name
    assert all(r["pinyin"].isalpha() and r["pinyin"].islower() for r in rows)


@pytest.mark.parametrize("typed", ["上海", "上海市", "Shanghai", "shanghai", "SHANG HAI",
                                   " Shanghai ", "Ｓｈａｎｇｈａｉ"])
def test_every_spelling_of_a_city_has_one_key(typed):
    assert city_key(typed) == "shanghai"


@pytest.mark.parametrize("typed, key", [
    ("苏州", "suzhou"), ("Suzhou", "suzhou"), ("宿州", "suzhou-anhui"),
    ("Suzhou (Anhui)", "suzhou-anhui"), ("福州", "fuzhou"), ("抚州", "fuzhou-jiangxi"),
    ("西安", "xi'an"), ("Xi'an", "xi'an"), ("xian", "xi'an"), ("哈尔滨", "harbin"),
    ("haerbin", "harbin"), ("香港", "hong kong"), ("Hong Kong", "hong kong"),
    ("朝阳", "chaoyang"),
])
def test_cities_sharing_a_pinyin_stay_apart(typed, key):
    assert city_key(typed) == key


def test_an_unknown_city_stays_free_text():
    assert find_city("Atlantis") is None and find_city("上") is None and find_city("") is None
    assert canonical_city("  Atlantis   Bay ") == ("Atlantis Bay", "atlantis bay")
    assert canonical_city("上海") == ("上海", "shanghai")
    assert canonical_city("shanghai") == ("Shanghai", "shanghai")


# ----- mappers ----------------------------------------------------------------------------

@pytest.mark.parametrize("city, region", [
    ("北京", "north-china"), ("北京市", "north-china"), ("Beijing", "north-china"),
    ("上海", "east-china"), ("杭州", "east-china"), ("深圳", "south-china"),
    ("香港", "south-china"), ("成都", "central-west-china"), ("乌鲁木齐", "central-west-china"),
    ("新加坡", "asia-pacific"), ("伦敦", "europe"), ("纽约", "americas"),
    ("Atlantis", "elsewhere"), ("", "unspecified"),
])
def test_region_for_reads_chinese_cities(city, region):
    assert region_for(city) == region


@pytest.mark.parametrize("raw, industry", [
    ("互联网", "tech"), ("软件", "tech"), ("Internet", "tech"), ("互联网金融", "finance"),
    ("银行", "finance"), ("医药", "health"), ("半导体", "hardware"), ("汽车制造", "mobility"),
    ("游戏", "media"), ("教育培训", "education"), ("咨询", "services"), ("餐饮", "consumer"),
    ("养殖", "other"), ("  ", "unspecified"),
])
def test_industry_for_reads_chinese_terms(raw, industry):
    assert industry_for(raw) == industry


@pytest.mark.parametrize("title, family, band", [
    ("高级工程师", "engineering", "senior"), ("产品经理", "product", None),
    ("总监", "leadership", "lead"), ("资深算法工程师", "data", "senior"),
    ("实习生", "other", "entry"), ("UI设计师", "design", None), ("销售经理", "sales", None),
    ("首席执行官", "leadership", "lead"), ("Senior Backend Engineer", "engineering", "senior"),
    ("Staff Engineer", "engineering", "lead"), ("厨师", "other", None),
])
def test_title_family_and_seniority_read_chinese_titles(title, family, band):
    assert title_family(title)[0] == family
    assert seniority_for_title(title) == band


def test_a_title_level_outweighs_the_years_listed():
    facts = {"firstStart": "2025-01",
             "employer": {"industry": "互联网", "city": "北京", "title": "技术总监"}}
    settings = default_settings(facts)
    assert (settings["seniority"], settings["industry"], settings["region"]) == \
        ("lead", "tech", "north-china")
    facts["employer"]["title"] = "工程师"  # names no level: the years decide
    assert default_settings(facts)["seniority"] == "entry"


# ----- name keys --------------------------------------------------------------------------

def test_name_keys():
    assert name_keys("马海燕") == {"nameLower": "马海燕", "namePinyin": "mahaiyan",
                                   "nameInitials": "mhy"}
    # A surname read as a surname, and the everyday reading too.
    assert name_keys("曾凡")["namePinyin"] == "zengfan cengfan"
    assert name_keys("Emily Carter") == {"nameLower": "emily carter",
                                         "namePinyin": "emilycarter", "nameInitials": None}
    assert search_terms("Ma Haiyan") == {"q": "ma haiyan", "qCompact": "mahaiyan",
                                         "qInitials": ""}
    assert search_terms("person 12")["qCompact"] == ""  # digits: not pinyin


# ----- through the app: people search -----------------------------------------------------

def _results(client, query) -> list[str]:
    """The result rows of a people search (not the rest of the page, which repeats the
    query)."""
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    listing = html[html.index('<ul class="people">'):]
    return listing[:listing.index("</ul>")].split('<li class="person">')[1:]


def _found(client, query) -> str:
    return "".join(_results(client, query))


@pytest.fixture
def haiyan(members):
    viewer, _ = members.signup("Viewer", "viewer@example.com")
    members.signup("马海燕", "ma@example.com")
    members.signup("王海燕", "wang@example.com")   # initials whY, pinyin wanghaiyan
    members.signup("马海洋", "mahaiyang@example.com")  # initials mhy too
    return viewer


# One scene for all the queries: each sign-up hashes a password, which is slow on purpose.
FINDS_MA_HAIYAN = ["马海燕", "马海", "ma haiyan", "Ma Haiyan", "mahaiyan", "MAHAIYAN", "ma hai yan",
              "mhy", "MHY", "mh"]
# Pinyin matches inside the name ("mahaiyan" is in 马海洋's "mahaiyang"), initials only
# from the start.
MISSES = [("mhy", "王海燕"), ("mahaiyang", "马海燕"), ("ma haiyan", "王海燕"), ("hy", "马海燕"),
          ("whyy", "王海燕"), ("maihaiyan", "马海燕"), ("马海燕 1", "马海燕")]


def test_people_search_finds_chinese_names_by_characters_pinyin_and_initials(haiyan):
    missing = [query for query in FINDS_MA_HAIYAN if "马海燕" not in _found(haiyan, query)]
    assert missing == []


def test_people_search_does_not_over_match(haiyan):
    wrong = [(query, name) for query, name in MISSES if name in _found(haiyan, query)]
    assert wrong == []


def test_renamed_member_is_found_by_the_new_names_pinyin(members):
    viewer, _ = members.signup("Viewer", "viewer@example.com")
    member, _ = members.signup("Old Name", "old@example.com")
    assert member.post("/account/name", {"name": "张敏"}, token_from="/account").status_code == 302
    assert "张敏" in _found(viewer, "zhang min") and "张敏" in _found(viewer, "zm")
    assert "张敏" not in _found(viewer, "old name")


def test_namesakes_are_told_apart_by_headline_company_city_and_degree(members):
    viewer, viewer_id = members.signup("Viewer", "viewer@example.com")
    one, one_id = members.signup("马海燕", "one@example.com")
    two, _ = members.signup("马海燕", "two@example.com")
    one.post("/me/basics", {"headline": "数据分析师", "job_status": "not_looking",
                            "city": "shanghai"}, token_from="/me")
    one.post("/me/positions", {"company": "Acme Cloud", "title": "Analyst", "start": "2020-01",
                               "current": "y"}, token_from="/me")
    two.post("/me/basics", {"headline": "产品经理", "job_status": "not_looking",
                            "city": "北京"}, token_from="/me")
    viewer.post(f"/people/{one_id}/friend-request", token_from="/home")
    one.post(f"/people/{viewer_id}/accept", token_from="/home")
    rows = [row for row in _results(viewer, "mhy") if "马海燕" in row]
    assert len(rows) == 2
    row_one, row_two = rows  # the friend comes first
    assert "数据分析师" in row_one and "Acme Cloud" in row_one and "Shanghai" in row_one
    assert "1st" in row_one
    # A city reads in the page's language, whichever spelling its member typed.
    assert "产品经理" in row_two and "Beijing" in row_two and "北京" not in row_two
    assert "Acme Cloud" not in row_two and "1st" not in row_two


def test_search_keys_are_indexed_and_backfilled(app, driver, database, members):
    assert missing_schema(driver, database) == []
    names = {record["name"] for record in driver.execute_query(
        "SHOW INDEXES YIELD name, type, properties WHERE type = 'TEXT' RETURN name",
        database_=database).records}
    assert {"person_name_pinyin", "person_name_initials"} <= names
    viewer, _ = members.signup("Viewer", "viewer@example.com")
    # A member written before the keys existed: only name and nameLower.
    driver.execute_query("CREATE (:Person {id: 'legacy', name: '李雪梅', nameLower: '李雪梅', "
                         "email: 'legacy@example.com', headline: '', jobStatus: 'not_looking'})",
                         database_=database)
    assert "李雪梅" not in _found(viewer, "lixuemei")
    apply_schema(driver, database)
    assert "李雪梅" in _found(viewer, "lixuemei") and "李雪梅" in _found(viewer, "lxm")


# ----- through the app: cities ------------------------------------------------------------

@pytest.fixture
def city_jobs(members):
    """Jobs in 上海 / Shanghai / shanghai, 宿州, 苏州 and free-text Atlantis, and a seeker
    who reaches the recruiter (1st degree)."""
    recruiter, recruiter_id = members.signup("Rita Recruiter")
    company_id = create_company(recruiter, "Acme", "acme.example")
    ask_to_recruit(recruiter, company_id)
    ids = {city: post_job(recruiter, company_id, city=city, title=f"Job in {city}")
           for city in ("上海", "Shanghai", "shanghai", "宿州", "苏州", "Atlantis")}
    seeker, seeker_id = members.signup("Sam Seeker")
    seeker.post(f"/people/{recruiter_id}/friend-request", token_from="/home")
    recruiter.post(f"/people/{seeker_id}/accept", token_from="/home")
    return seeker, ids


def _listed(client, path, city):
    response = client.get(path, query_string={"city": city})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/jobs", "/jobs/search"])
def test_city_filter_matches_every_spelling(city_jobs, path):
    seeker, ids = city_jobs
    shanghai = [ids["上海"], ids["Shanghai"], ids["shanghai"]]
    for city in ("上海", "上海市", "Shanghai", "shanghai", "SHANGHAI"):
        html = _listed(seeker, path, city)
        assert all(f"/jobs/{job_id}" in html for job_id in shanghai), city
        assert all(f"/jobs/{ids[c]}" not in html for c in ("宿州", "苏州", "Atlantis")), city


@pytest.mark.parametrize("path", ["/jobs", "/jobs/search"])
def test_city_filter_keeps_namesake_cities_apart_and_free_text_working(city_jobs, path):
    seeker, ids = city_jobs
    suzhou = _listed(seeker, path, "Suzhou")
    assert f"/jobs/{ids['苏州']}" in suzhou and f"/jobs/{ids['宿州']}" not in suzhou
    anhui = _listed(seeker, path, "宿州")
    assert f"/jobs/{ids['宿州']}" in anhui and f"/jobs/{ids['苏州']}" not in anhui
    assert f"/jobs/{ids['Atlantis']}" in _listed(seeker, path, "atlan")
    nothing = _listed(seeker, path, "北京")
    assert not any(f"/jobs/{job_id}" in nothing for job_id in ids.values())


def test_jobs_store_the_tables_spelling(app, city_jobs):
    _, ids = city_jobs
    jobs = app.extensions["graph"].jobs
    stored = {city: jobs.job(job_id, "nobody")["job"]["city"] for city, job_id in ids.items()}
    assert stored == {"上海": "上海", "Shanghai": "Shanghai", "shanghai": "Shanghai",
                      "宿州": "宿州", "苏州": "苏州", "Atlantis": "Atlantis"}


def test_city_filter_is_the_same_with_the_network_index(app, city_jobs):
    seeker, ids = city_jobs
    from graph.index import NetworkIndex
    from graph.jobs.feed import JobFilters
    repository = app.extensions["graph"].job_feed
    seeker_id = seeker.member_id
    now = "2026-11-28T12:00:00+00:00"  # one clock for both: the rank includes recency
    cypher = {c: repository.feed(seeker_id, JobFilters(city=c), 0, 20, now=now)
              for c in ("上海", "Suzhou", "atlan", "北京")}
    index = NetworkIndex(repository.driver, repository.database)
    index.rebuild()
    indexed = type(repository)(repository.driver, repository.database, index=index)
    for city, (rows, total) in cypher.items():
        got_rows, got_total = indexed.feed(seeker_id, JobFilters(city=city), 0, 20, now=now)
        assert got_total == total
        assert [r["job"]["id"] for r in got_rows] == [r["job"]["id"] for r in rows]
    assert cypher["上海"][1] == 3 and cypher["北京"][1] == 0


def test_old_free_text_city_keys_are_migrated(app, driver, database, city_jobs):
    seeker, ids = city_jobs
    # As stored before the city table: the key was the typed text, normalised.
    driver.execute_query("MATCH (j:Job {id: $id}) SET j.city = '上海市', j.cityKey = '上海市'",
                         id=ids["上海"], database_=database)
    assert f"/jobs/{ids['上海']}" not in _listed(seeker, "/jobs/search", "Shanghai")
    driver.execute_query("MATCH (m:Migration) DELETE m", database_=database)
    apply_schema(driver, database)
    assert f"/jobs/{ids['上海']}" in _listed(seeker, "/jobs/search", "Shanghai")
    # Once applied, the migration does not run again (and changes nothing).
    apply_schema(driver, database)
    assert f"/jobs/{ids['上海']}" in _listed(seeker, "/jobs/search", "上海")


def test_profile_city_is_stored_canonically_and_shown(members):
    member, member_id = members.signup("Lin Chen")
    viewer, _ = members.signup("Viewer")
    response = member.post("/me/basics", {"headline": "Engineer", "job_status": "not_looking",
                                          "city": "shanghai"}, token_from="/me")
    assert response.status_code == 302
    assert "Shanghai" in viewer.get(f"/people/{member_id}").get_data(as_text=True)
    member.post("/me/basics", {"headline": "Engineer", "job_status": "not_looking",
                               "city": "北京市"}, token_from="/me")
    page = viewer.get(f"/people/{member_id}").get_data(as_text=True)
    assert "Beijing" in page and "北京" not in page and "Shanghai" not in page
    chinese = viewer.get(f"/people/{member_id}", headers={"Accept-Language": "zh-CN"})
    page = chinese.get_data(as_text=True)
    assert "北京" in page and "北京市" not in page and "Beijing" not in page


def test_profile_city_too_long_is_a_400_with_a_message(members):
    member, _ = members.signup("Lin Chen")
    response = member.post("/me/basics", {"headline": "", "job_status": "not_looking",
                                          "city": "x" * 81}, token_from="/me")
    assert response.status_code == 400
    assert "80" in response.get_data(as_text=True)


def test_city_fields_offer_the_table_as_autocomplete(members):
    member, _ = members.signup("Lin Chen")
    for path in ("/me", "/jobs", "/jobs/search"):
        html = member.get(path).get_data(as_text=True)
        assert 'list="cities"' in html and '<datalist id="cities">' in html, path
        assert 'value="Shanghai"' in html and "上海" in html, path
        chinese = member.get(path, headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(
            as_text=True)
        assert 'value="上海"' in chinese, path
        assert chinese.count("<option value=") >= len(all_cities()), path
