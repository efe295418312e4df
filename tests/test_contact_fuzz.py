"""Fuzzing every contact parser: any bytes give entries within the caps or a
``ParseError`` with a message, never another exception (which the upload page would
answer with a 500).

The parser tests run ``CONTACT_FUZZ_EXAMPLES`` examples each (default 60, a few seconds
on CI's 2 cores); set it to e.g. 5000 for a long run:
``CONTACT_FUZZ_EXAMPLES=5000 bash scripts/test.sh tests/test_contact_fuzz.py``.
The test through the upload page runs a tenth of that (it needs the database).
"""
from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruit.contacts.matching import prepare
from recruit.contacts.parsing import Limits, ParseError, read_address_book, read_follow_list
from recruit.contacts.parsing.common import MAX_VALUES_PER_ENTRY

EXAMPLES = int(os.environ.get("CONTACT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMITS = Limits(max_bytes=6000, max_entries=8)
NAMES = st.sampled_from(["c.vcf", "c.csv", "c.json", "c.txt", "contacts", "C.VCARD"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "cp1252"])


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


# Lines a vCard is made of, and the ways they go wrong.
VCARD_LINES = st.one_of(
    st.sampled_from([
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0",
        "VERSION:9", "begin:vcard", "item1.TEL;type=CELL:+86 138 0013 8000",
        "TEL;CELL:(415) 555-0132", "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-416-555-0199",
        "TEL;WORK;FAX:+44 20 7946 0019", "EMAIL;INTERNET:a@b.example",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3",
        "FN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:=CD=F5=", "NOTE;QUOTED-PRINTABLE:a=",
        "FN;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:=ZZ", "PHOTO;ENCODING=b:AAAA",
        " AAAA", "\tcontinued", "", "no colon here", ":", ";;;:", "FN:\\", "N:a\\;b;c",
        "EMAIL;TYPE=\"unterminated:x@y.z"]),
    st.text(max_size=40).map(lambda s: s.replace("\n", " ").replace("\r", " ")),
    st.builds(lambda n, v: f"{n}:{v}", st.sampled_from(["TEL", "EMAIL", "FN", "N"]),
              st.text(max_size=30).map(lambda s: s.replace("\n", " ").replace("\r", " "))),
)
VCARDS = st.builds(lambda lines, sep, enc: _encoded(sep.join(lines), enc),
                   st.lists(VCARD_LINES, max_size=60), st.sampled_from(["\r\n", "\n", "\r"]),
                   ENCODINGS)

CSV_HEADERS = st.sampled_from([
    "Name", "E-mail Address", "Mobile Phone", "Phone 1 - Value", "Phone 1 - Type",
    "Primary Email", "电子邮件地址", "移动电话", "商务传真", "handle", "email", "phone", "姓名",
    "First Name", "Last Name", "", '"quoted, header"'])
CSV_CELLS = st.one_of(st.sampled_from(["+86 138 0013 8000", "(415) 555-0132", "a@b.example",
                                       "x ::: y", '"open', '"a,b"', "Fax", "", "10086",
                                       "@handle", "0" * 60]),
                      st.text(max_size=20))
CSVS = st.builds(
    lambda header, rows, delim, enc: _encoded(
        "\n".join([delim.join(header)] + [delim.join(r) for r in rows]), enc),
    st.lists(CSV_HEADERS, min_size=1, max_size=6),
    st.lists(st.lists(CSV_CELLS, max_size=8), max_size=12),
    st.sampled_from([",", ";", "\t", "|"]), ENCODINGS)

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
              st.text(max_size=20), st.sampled_from(["@octocat", "li@example.com"])),
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(["login", "handle", "email", "following", "value",
                                         "string_list_data", "title", "href", "x"]),
                        children, max_size=4)),
    max_leaves=30)
JSONS = st.one_of(
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 3000).map(lambda n: b'[{"login": "a", "id": ' + b"9" * n + b"}]"),
    st.builds(lambda a, b: a + b, st.sampled_from([b"[", b"{", b'["a", ', b'{"following": [']),
              st.binary(max_size=200)),
)
ANY_UPLOAD = st.one_of(st.binary(max_size=LIMITS.max_bytes + 200), VCARDS, CSVS, JSONS)


def _read_within_caps(reader, name: str, data: bytes, network: str | None) -> None:
    """The property: a result within the caps, or a ParseError that says something."""
    try:
        parsed = reader(name, data, LIMITS)
    except ParseError as exc:
        assert exc.message.strip()
        return
    assert len(data) <= LIMITS.max_bytes
    assert 0 < len(parsed.entries) <= LIMITS.max_entries
    assert len(parsed.entries) + len(parsed.skipped) <= LIMITS.max_entries
    assert all(entry.value_count() <= MAX_VALUES_PER_ENTRY for entry in parsed.entries)
    prepared = prepare(parsed, b"fuzz", ("CN", "US"), network)
    assert prepared.entries == len(parsed.entries)
    assert len(prepared.keys) <= LIMITS.max_entries * MAX_VALUES_PER_ENTRY
    prepared.summary()


@FUZZ
@given(name=NAMES, data=ANY_UPLOAD)
def test_any_upload_as_an_address_book_reads_or_says_why(name, data):
    _read_within_caps(read_address_book, name, data, None)


@FUZZ
@given(name=NAMES, data=ANY_UPLOAD)
def test_any_upload_as_a_follow_list_reads_or_says_why(name, data):
    _read_within_caps(read_follow_list, name, data, "github")


def test_any_upload_through_the_page_is_never_a_server_error(app, members):
    app.config.update(CONTACT_IMPORTS_PER_DAY=10_000, CONTACT_IMPORT_MAX_BYTES=LIMITS.max_bytes,
                      CONTACT_IMPORT_MAX_ENTRIES=LIMITS.max_entries,
                      CONTACT_UPLOAD_LIMIT="100000 per hour")
    client, _ = members.signup("Fuzz Uploader", "fuzz@example.com")

    @settings(max_examples=max(5, EXAMPLES // 10), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(kind=st.sampled_from(["address-book", "follow-list"]), name=NAMES, data=ANY_UPLOAD)
    def upload(kind, name, data):
        fields = {"file": (io.BytesIO(data), name)}
        fields.update({"region": "CN"} if kind == "address-book" else {"network": "github"})
        response = client.post(f"/contacts/import/{kind}", fields,
                               token_from="/contacts/import")
        assert response.status_code in (302, 400), response.status_code

    upload()
