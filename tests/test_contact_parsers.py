"""Parsers and normalisation on realistic sample files (pure: no database)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruit.contacts.digests import digest, handle_value
from recruit.contacts.matching import prepare
from recruit.contacts.normalise import normalise_email, normalise_handle, normalise_phone
from recruit.contacts.parsing import Limits, ParseError, read_address_book, read_follow_list
from recruit.contacts.parsing.vcard import unfold

DATA = Path(__file__).with_name("data")
LIMITS = Limits()
SECRET = b"test-secret"


def book(name: str, limits: Limits = LIMITS):
    return read_address_book(name, (DATA / name).read_bytes(), limits)


def follows(name: str, limits: Limits = LIMITS):
    return read_follow_list(name, (DATA / name).read_bytes(), limits)


def normalised(parsed, region="CN", network=None):
    """Per entry: (label, sorted phones in E.164, sorted e-mails), unusable values dropped."""
    rows = []
    for entry in parsed.entries:
        phones = sorted(p for p in (normalise_phone(x, region) for x in entry.phones) if p)
        emails = sorted(e for e in (normalise_email(x) for x in entry.emails) if e)
        rows.append((entry.label, phones, emails))
    return rows


def test_iphone_vcard_3_with_groups_folding_photo_and_duplicates():
    parsed = book("iphone_v3.vcf")
    assert parsed.layout == "vCard"
    assert normalised(parsed) == [
        ("王芳", ["+8613800138000", "+862162134567"], ["wang.fang@example.cn"]),
        ("José Müller", ["+14155550132", "+4930901820", "+85291234567"],
         ["jose.mueller@example.org"]),  # e-mail folded across two lines
        ("中国移动客服", [], []),             # 10086 is a service code, not a number
        ("王芳", ["+8613800138000"], []),     # the same person again
        ("Siobhán O'Brien", [], ["s.obrien@willow.example", "siobhan@obrien.example.ie"]),
    ]
    assert [e.where for e in parsed.entries] == ["Line 1", "Line 14", "Line 39", "Line 44",
                                                 "Line 50"]


def test_vcard_4_with_tel_uris_and_quoted_parameters():
    parsed = book("android_v4.vcf")
    assert normalised(parsed) == [
        ("Li Wei", ["+85291234567", "+8613912345678"], ["li.wei@bytewave.example"]),
        ("Анна Петрова", ["+79123456789"], ["anna.petrova@example.ru"]),
        ("Priya Patel", ["+447911123456"], []),
    ]


def test_both_vcard_versions_in_one_file():
    assert normalised(book("mixed_versions.vcf")) == [
        ("Chen Jing", ["+8613700001111"], []), ("Zhou Min", [], ["zhou.min@example.com"])]


def test_unfolding_joins_continuation_lines_and_keeps_start_line():
    lines = unfold("BEGIN:VCARD\r\nNOTE:ab\r\n c\r\n\td\r\nEND:VCARD\r\n")
    assert lines == [(1, "BEGIN:VCARD"), (2, "NOTE:abcd"), (5, "END:VCARD")]


def test_google_contacts_csv_splits_joined_values_and_multiline_cells():
    parsed = book("google_contacts.csv")
    assert parsed.layout == "Google Contacts CSV"
    assert normalised(parsed) == [
        ("Fang Wang", ["+8613800138000"], ["wang.fang@example.cn"]),
        ("Wei Li", ["+85291234567", "+861088889999", "+8613912345678"],
         ["li.wei@bytewave.example", "li.wei@gmail.example"]),
        # Written the American way without +1: not a Chinese number (it used to become
        # the Dandong landline +864155550132); it is counted as unplaced instead.
        ("Jose Müller", [], []),
        ("Nobody Here", [], []),
    ]
    # The second contact's address spans two lines, so the next one starts on line 5.
    assert [e.where for e in parsed.entries] == ["Line 2", "Line 3", "Line 5", "Line 6"]


def test_google_csv_with_a_us_default_region_reads_local_us_numbers():
    rows = normalised(book("google_contacts.csv"), region="US")
    assert rows[2] == ("Jose Müller", ["+14155550132"], [])


def test_outlook_csv_reads_every_phone_column_but_faxes():
    parsed = book("outlook_contacts.csv")
    assert parsed.layout == "Outlook CSV"
    assert normalised(parsed) == [
        ("Fang Wang", ["+8613800138000"], ["wang.fang@example.cn"]),
        ("Siobhán O'Brien", ["+442079460018"], ["s.obrien@willow.example"]),
        ("Tanaka Yuki", ["+81312340000", "+81312345678"], []),
    ]


def test_simple_chinese_csv_with_bom_and_two_numbers_in_a_cell():
    assert normalised(book("phone_simple_zh.csv")) == [
        ("王芳", ["+8613700001111", "+8613800138000"], ["wang.fang@example.cn"]),
        ("张敏", ["+8618600002222"], []),
        ("刘洋", [], ["liu.yang@example.com"]),
    ]


def test_semicolon_delimited_csv():
    assert normalised(book("simple_semicolon.csv"), region="US") == [
        ("Emily Carter", ["+14155550199"], ["emily.carter@example.com"]),
        ("Daniel Kim", [], ["daniel.kim@example.com"]),
    ]


def test_utf16_csv_as_older_google_exports_write_it():
    text = "Name,E-mail 1 - Value,Phone 1 - Value\r\n陈静,chen@example.com,+86 137 0000 1111\r\n"
    parsed = read_address_book("contacts.csv", text.encode("utf-16"), LIMITS)
    assert normalised(parsed) == [("陈静", ["+8613700001111"], ["chen@example.com"])]


@pytest.mark.parametrize("name, message", [
    # A file in which no card can be read is still refused, naming the line.
    ("bad_no_colon.vcf", "No card in the file could be read (line 1). Line 4 is not a "
                         "vCard property (there is no ':')."),
    ("bad_quote.csv", "Line 3: the CSV cannot be read"),
    ("bad_no_columns.csv", "Line 1: no phone or e-mail column"),
    ("empty.vcf", "The file is empty."),
    ("blank.csv", "The file is empty."),
    ("header_only.csv", "The file has a header but no entries under it."),
])
def test_malformed_and_empty_address_books_name_the_line(name, message):
    with pytest.raises(ParseError) as caught:
        book(name)
    assert caught.value.message.startswith(message), caught.value.message


@pytest.mark.parametrize("name, entries, skipped", [
    ("bad_missing_end.vcf", [("Ok Person", ["+8613800138000"], [])],
     [(6, "The card of line 6 has no END:VCARD (the file may be cut short).")]),
    ("bad_nested.vcf", [("Second", [], [])],
     [(1, "The card of line 1 has no END:VCARD (a new card begins on line 4).")]),
    ("bad_too_many_fields.csv", [("Alice", ["+8613800138000"], ["alice@example.com"])],
     [(3, "Line 3: 4 fields but the header has 3. A value with a comma in it needs "
          "quotes.")]),
])
def test_a_broken_card_or_row_is_skipped_and_the_rest_is_read(name, entries, skipped):
    parsed = book(name)
    assert normalised(parsed) == entries
    assert [(s.line, s.reason) for s in parsed.skipped] == skipped


def test_a_file_in_no_known_encoding_names_the_line():
    with pytest.raises(ParseError) as caught:
        read_address_book("c.csv", b"name,phone\nA,1\n\x81\x20\xff\x00\x81,2\n", LIMITS)
    assert caught.value.message.startswith("Line 3: the file is not text in UTF-8, UTF-16, "
                                           "GB18030, Big5 or Windows-1252.")


@pytest.mark.parametrize("name, message", [
    ("bad_syntax.json", "Line 4, column 3: not valid JSON"),
    ("bad_entry.json", "Entry 3: expected a handle, an e-mail or an object, found a number."),
    ("bad_object.json", "Entry 1: no handle or e-mail in it"),
    ("empty_list.json", "The follow list is empty."),
])
def test_malformed_and_empty_follow_lists_name_the_entry(name, message):
    with pytest.raises(ParseError) as caught:
        follows(name)
    assert caught.value.message.startswith(message), caught.value.message


def test_json_follow_lists_in_the_shapes_networks_export():
    assert [e.handles for e in follows("github_following.json").entries] == [
        ["octocat"], ["Li-Wei-Dev"], ["torvalds"]]
    instagram = [normalise_handle(e.handles[0]) for e in follows("instagram_following.json").entries]
    assert instagram == ["wang.fang", "chen_jing"]
    plain = follows("follows_plain.json").entries
    assert [(e.handles, e.emails) for e in plain] == [
        (["@Wang_Fang"], []), ([], ["Li.Wei@Bytewave.Example"]), (["someone_else"], [])]


def test_csv_follow_lists_with_header_or_one_value_per_line():
    entries = follows("follows.csv").entries
    assert [(e.handles, e.emails, e.label) for e in entries] == [
        (["@octocat"], [], "The Octocat"), ([], ["li.wei@bytewave.example"], "Li Wei"),
        (["nobody_here"], ["nobody@example.com"], "Nobody")]
    listed = follows("follows_list.txt")
    assert [(e.handles, e.emails) for e in listed.entries] == [
        (["@octocat"], []), ([], ["li.wei@bytewave.example"])]


def test_size_cap_names_the_size_and_the_limit():
    data = b"name,phone\n" + b"x" * 2048
    with pytest.raises(ParseError) as caught:
        read_address_book("big.csv", data, Limits(max_bytes=1024, max_entries=10))
    assert caught.value.message.startswith("The file is 2 KB; the limit is 1 KB.")


def test_default_size_cap_rejects_a_file_just_over_one_megabyte():
    data = b"name,phone\n" + b"a,+8613800138000\n" * 70_000
    assert len(data) > 1024 * 1024
    with pytest.raises(ParseError, match="the limit is 1.0 MB"):
        read_address_book("big.csv", data, Limits())


@pytest.mark.parametrize("reader, header, row", [
    (read_address_book, "name,phone", "a,+861380013{:04d}"),
    (read_follow_list, "handle", "user_{}"),
])
def test_entry_cap_names_the_first_entry_over_it(reader, header, row):
    lines = [header] + [row.format(i) for i in range(5001)]
    with pytest.raises(ParseError) as caught:
        reader("many.csv", "\n".join(lines).encode(), Limits())
    assert caught.value.message.startswith(
        "Line 5002: entry 5001 is over the limit of 5000 entries per file.")


def test_vcard_entry_cap():
    card = "BEGIN:VCARD\nVERSION:4.0\nFN:P{0}\nEMAIL:p{0}@example.com\nEND:VCARD\n"
    data = "".join(card.format(i) for i in range(4)).encode()
    with pytest.raises(ParseError, match=r"^Line 16: entry 4 is over the limit of 3"):
        read_address_book("c.vcf", data, Limits(max_entries=3))


def test_too_many_values_in_one_entry():
    data = ("name,phone\nLi Wei," + ";".join(f"+86138001380{i:02d}" for i in range(21))).encode()
    with pytest.raises(ParseError, match=r'^Line 2 \("Li Wei"\): more than 20'):
        read_address_book("c.csv", data, LIMITS)


def test_prepare_digests_unique_values_and_reports_places_only():
    prepared = prepare(book("iphone_v3.vcf"), SECRET, "CN")
    expected = {digest(SECRET, "phone", p) for p in (
        "+8613800138000", "+862162134567", "+14155550132", "+4930901820", "+85291234567")}
    expected |= {digest(SECRET, "email", e) for e in (
        "wang.fang@example.cn", "jose.mueller@example.org", "siobhan@obrien.example.ie",
        "s.obrien@willow.example")}
    assert {key["digest"] for key in prepared.keys} == expected
    assert len(prepared.keys) == len(expected)
    assert (prepared.entries, prepared.unreadable, prepared.duplicates) == (5, 1, 1)
    assert prepared.unreadable_places == ["Line 39"]
    assert "10086" not in prepared.summary()


def test_handles_are_digested_per_network_only_for_follow_lists():
    parsed = follows("follows_plain.json")
    on_github = prepare(parsed, SECRET, "CN", "github")
    assert {k["digest"] for k in on_github.keys} == {
        digest(SECRET, "handle", handle_value("github", "wang_fang")),
        digest(SECRET, "email", "li.wei@bytewave.example"),
        digest(SECRET, "handle", handle_value("github", "someone_else"))}
    on_x = prepare(parsed, SECRET, "CN", "x")
    assert {k["digest"] for k in on_github.keys} != {k["digest"] for k in on_x.keys}


def test_digests_depend_on_the_secret_and_the_kind():
    assert digest(b"a", "email", "x@y.z") != digest(b"b", "email", "x@y.z")
    assert digest(b"a", "email", "octocat") != digest(b"a", "handle", "octocat")
    assert len(digest(b"a", "phone", "+8613800138000")) == 64


LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                    min_size=1, max_size=120).filter(lambda s: s[:1] not in (" ", "\t"))


@given(text=LINE_TEXT, cuts=st.lists(st.integers(1, 119), max_size=6))
def test_folding_anywhere_unfolds_to_the_same_line(text, cuts):
    folded, last = [], 0
    for cut in sorted({c for c in cuts if c < len(text)}):
        folded.append(text[last:cut])
        last = cut
    folded.append(text[last:])
    lines = unfold("BEGIN:VCARD\r\n" + "\r\n ".join(folded) + "\r\nEND:VCARD\r\n")
    assert lines[1] == (2, text)


NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)
NUMBER = st.integers(13000000000, 19999999999).map(str)


@given(rows=st.lists(st.tuples(NAME, st.lists(NUMBER, min_size=1, max_size=3)),
                     min_size=1, max_size=20))
@settings(max_examples=50)
def test_any_csv_written_by_the_csv_module_reads_back(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "手机"])
    for name, numbers in rows:
        writer.writerow([name or "x", " ::: ".join(numbers)])
    parsed = read_address_book("c.csv", buffer.getvalue().encode(), LIMITS)
    assert [e.phones for e in parsed.entries] == [numbers for _, numbers in rows]
