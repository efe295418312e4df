"""Profiles: basics, private job status, skills, positions, education, shared nodes."""
from datetime import date

import pytest


def graph_of(app):
    return app.extensions["graph"]


def count(driver, database, query):
    records, _, _ = driver.execute_query(query, database_=database)
    return records[0][0]


def test_basics_are_saved_and_job_status_stays_private(members, app):
    alice, alice_id = members.signup("Alice Chen")
    bob, bob_id = members.signup("Bob Li")
    response = alice.post("/me/basics", {"headline": "Backend engineer", "job_status": "looking"},
                          token_from="/me")
    assert response.status_code == 302
    person = graph_of(app).people.profile(alice_id, alice_id)["person"]
    assert person["headline"] == "Backend engineer" and person["jobStatus"] == "looking"
    # The query itself withholds the status from anyone else.
    for viewer in (bob_id, None):
        assert graph_of(app).people.profile(alice_id, viewer)["person"]["jobStatus"] is None
    seen_by_bob = bob.get(f"/people/{alice_id}").get_data(as_text=True)
    assert "Backend engineer" in seen_by_bob
    assert "Actively looking" not in seen_by_bob and "looking" not in seen_by_bob.lower()


def test_unknown_job_status_is_a_form_error(members):
    alice, _ = members.signup()
    response = alice.post("/me/basics", {"headline": "", "job_status": "desperate"},
                          token_from="/me")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_skills_are_free_labels_shared_case_insensitively(members, app, driver, database):
    alice, alice_id = members.signup()
    bob, bob_id = members.signup()
    alice.post("/me/skills", {"skills": "Python, python , Neo4j,,  Graph   Theory"},
               token_from="/me")
    bob.post("/me/skills", {"skills": "PYTHON"}, token_from="/me")
    assert graph_of(app).people.profile(alice_id)["skills"] == ["Graph Theory", "Neo4j", "Python"]
    assert count(driver, database, "MATCH (s:Skill) RETURN count(s)") == 3
    assert count(driver, database,
                 "MATCH (:Skill {key: 'python'})<-[:HAS_SKILL]-(p) RETURN count(p)") == 2


def test_too_many_or_too_long_skills_are_refused(members):
    alice, _ = members.signup()
    many = ", ".join(f"skill{i}" for i in range(51))
    assert alice.post("/me/skills", {"skills": many}, token_from="/me").status_code == 400
    response = alice.post("/me/skills", {"skills": "x" * 51}, token_from="/me")
    assert response.status_code == 400
    assert "at most 50 characters" in response.get_data(as_text=True)


def test_companies_with_the_same_normalised_name_are_one_node(members, app, driver, database):
    alice, alice_id = members.signup()
    for name in ("Acme", " acme ", "ACME", "Acme  Cloud"):
        response = alice.post("/me/positions", {"company": name, "title": "Engineer",
                                                "start": "2020-01", "end": "2021-01"},
                              token_from="/me")
        assert response.status_code == 302
    assert count(driver, database, "MATCH (c:Company) RETURN count(c)") == 2
    positions = graph_of(app).people.profile(alice_id)["positions"]
    assert sorted(p["company"] for p in positions) == ["Acme", "Acme", "Acme", "Acme Cloud"]


def test_current_position_has_no_end(members, app):
    alice, alice_id = members.signup()
    alice.post("/me/positions", {"company": "Bytewave", "title": "PM", "start": "2022-05",
                                 "current": "y"}, token_from="/me")
    [position] = graph_of(app).people.profile(alice_id)["positions"]
    assert position["current"] is True and position["end"] is None


FUTURE = f"{date.today().year + 1}-01"


@pytest.mark.parametrize("form, message", [
    ({"company": "", "title": "PM", "start": "2020-01", "current": "y"}, "Enter the company."),
    ({"company": "A", "title": "", "start": "2020-01", "current": "y"}, "Enter your title."),
    ({"company": "A", "title": "PM", "start": "2020-13", "current": "y"}, "YYYY-MM"),
    ({"company": "A", "title": "PM", "start": "20-01", "current": "y"}, "YYYY-MM"),
    ({"company": "A", "title": "PM", "start": FUTURE, "current": "y"}, "cannot be in the future"),
    ({"company": "A", "title": "PM", "start": "2020-01"}, "tick"),
    ({"company": "A", "title": "PM", "start": "2020-05", "end": "2020-01"}, "before the start"),
    ({"company": "A", "title": "PM", "start": "2020-05", "end": "2020-09", "current": "y"},
     "Leave the end empty"),
    ({"company": "x" * 101, "title": "PM", "start": "2020-01", "current": "y"}, "100"),
])
def test_position_validation(members, app, form, message):
    alice, alice_id = members.signup()
    response = alice.post("/me/positions", form, token_from="/me")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert graph_of(app).people.profile(alice_id)["positions"] == []


def test_members_cannot_delete_each_others_positions(members, app):
    alice, alice_id = members.signup()
    bob, _ = members.signup()
    alice.post("/me/positions", {"company": "Acme", "title": "PM", "start": "2020-01",
                                 "current": "y"}, token_from="/me")
    [position] = graph_of(app).people.profile(alice_id)["positions"]
    assert bob.post(f"/me/positions/{position['id']}/delete", token_from="/me").status_code == 404
    assert len(graph_of(app).people.profile(alice_id)["positions"]) == 1
    assert alice.post(f"/me/positions/{position['id']}/delete",
                      token_from="/me").status_code == 302
    assert graph_of(app).people.profile(alice_id)["positions"] == []


def test_education_is_added_validated_and_shared(members, app, driver, database):
    alice, alice_id = members.signup()
    bob, _ = members.signup()
    ok = {"school": "Fudan University", "degree": "BSc", "start_year": "2012", "end_year": "2016"}
    assert alice.post("/me/education", ok, token_from="/me").status_code == 302
    assert bob.post("/me/education", {**ok, "school": " FUDAN university "},
                    token_from="/me").status_code == 302
    assert count(driver, database, "MATCH (s:School) RETURN count(s)") == 1
    bad = alice.post("/me/education", {**ok, "end_year": "2010"}, token_from="/me")
    assert bad.status_code == 400 and "cannot be before" in bad.get_data(as_text=True)
    bad = alice.post("/me/education", {**ok, "start_year": "1800"}, token_from="/me")
    assert bad.status_code == 400 and "between 1950" in bad.get_data(as_text=True)
    [entry] = graph_of(app).people.profile(alice_id)["education"]
    assert bob.post(f"/me/education/{entry['id']}/delete", token_from="/me").status_code == 404
    assert alice.post(f"/me/education/{entry['id']}/delete", token_from="/me").status_code == 302
