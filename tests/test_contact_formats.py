"""Every client's export, one fixture each in that client's own format (tests/data,
written for these tests: see tests/data/README.md): the exact cards, e-mails and E.164
numbers each gives. Pure: no database."""
from __future__ import annotations

from pathlib import Path

import pytest

from recruit.contacts.matching import prepare
from recruit.contacts.parsing import Limits, ParseError, read_address_book
from recruit.contacts.parsing.csvheaders import is_email_column, is_phone_column, header_key
from recruit.contacts.phones import read_phone

DATA = Path(__file__).with_name("data")
LIMITS = Limits()


def read(name: str, regions=("CN",)):
    """(layout, encoding, [(where, label, E.164 phones, lower-case e-mails)], skipped)."""
    parsed = read_address_book(name, (DATA / name).read_bytes(), LIMITS)
    rows = []
    for entry in parsed.entries:
        phones = [read_phone(raw, regions).e164 for raw in entry.phones]
        rows.append((entry.where, entry.label, [p for p in phones if p],
                     [e.lower() for e in entry.emails]))
    return parsed.layout, parsed.encoding, rows, [(s.line, s.reason) for s in parsed.skipped]


def test_android_vcard_21_with_quoted_printable_chinese_names_and_a_photo():
    layout, encoding, rows, skipped = read("android_v21.vcf")
    assert (layout, encoding, skipped) == ("vCard", "utf-8", [])
    assert rows == [
        ("Line 1", "王芳", ["+8613800138000", "+862162134567"], ["wang.fang@example.cn"]),
        # FN split over three lines by quoted-printable soft breaks; the fax is skipped.
        ("Line 24", "欧阳娜娜（北京字节跳动科技有限公司）", ["+8613912345678", "+85221234567"],
         ["nana.ouyang@bytedance.example", "nana@example.cn"]),
        # (415) 555-0132 is not placed in China; +1 416 is Canadian and international.
        ("Line 36", "Jenny Smith", ["+14165550199"], []),
        ("Line 43", "中国移动", [], []),  # 10086 is a service code
    ]


def test_android_21_numbers_written_the_american_way_are_placed_once_a_region_is_picked():
    _, _, rows, _ = read("android_v21.vcf", regions=("CN", "US"))
    assert rows[2] == ("Line 36", "Jenny Smith", ["+14155550132", "+14165550199"], [])


def test_minimal_android_21_card():
    _, _, rows, _ = read("android_v21_minimal.vcf")
    assert rows == [("Line 1", "王芳", ["+8613800138000"], [])]


def test_outlook_vcard_21_with_soft_line_breaks_in_windows_1252():
    layout, encoding, rows, skipped = read("outlook_v21.vcf", regions=("GB",))
    assert (layout, encoding, skipped) == ("vCard", "cp1252", [])
    # The NOTE, ADR and LABEL continue on lines that start without a space; every TEL
    # and EMAIL after them is still read. The fax is skipped.
    assert rows == [("Line 1", "Siobhán O'Brien",
                     ["+442079460018", "+442079460991", "+447911123456"],
                     ["s.obrien@willow.example", "siobhan@obrien.example.ie"])]


def test_feature_phone_vcard_21_in_gb18030():
    layout, encoding, rows, _ = read("featurephone_gb18030_v21.vcf")
    assert (layout, encoding) == ("vCard", "gb18030")
    assert rows == [("Line 1", "张敏", ["+8618600002222"], []),
                    ("Line 6", "刘洋", ["+8613700001111"], ["liu.yang@example.com"])]


def test_iphone_vcard_30():
    layout, encoding, rows, skipped = read("iphone_v3.vcf")
    assert (layout, encoding, skipped) == ("vCard", "utf-8", [])
    assert rows == [
        ("Line 1", "王芳", ["+8613800138000", "+862162134567"], ["wang.fang@example.cn"]),
        ("Line 14", "José Müller", ["+14155550132", "+4930901820", "+85291234567"],
         ["jose.mueller@example.org"]),
        ("Line 39", "中国移动客服", [], []),
        ("Line 44", "王芳", ["+8613800138000"], []),
        ("Line 50", "Siobhán O'Brien", [],
         ["siobhan@obrien.example.ie", "s.obrien@willow.example"]),
    ]


def test_broken_cards_are_skipped_and_counted_by_line():
    _, _, rows, skipped = read("broken_cards.vcf")
    assert rows == [("Line 1", "Good One", ["+8613800138000"], []),
                    ("Line 19", "Good Two", [], ["good.two@example.com"])]
    assert skipped == [
        (6, "Line 9 is not a vCard property (there is no ':')."),
        (11, "Line 13 cannot be read (unknown encoding: X-NO-SUCH-CHARSET)."),
        (15, "The card of line 15 has no END:VCARD (a new card begins on line 19)."),
    ]
    parsed = read_address_book("broken_cards.vcf", (DATA / "broken_cards.vcf").read_bytes(),
                               LIMITS)
    summary = prepare(parsed, b"k", "CN").summary()
    assert "3 cards could not be read: lines 6, 11, 15" in summary


def test_google_csv_current_export():
    layout, _, rows, _ = read("google_contacts.csv")
    assert layout == "Google Contacts CSV"
    assert rows == [
        ("Line 2", "Fang Wang", ["+8613800138000"], ["wang.fang@example.cn"]),
        ("Line 3", "Wei Li", ["+8613912345678", "+85291234567", "+861088889999"],
         ["li.wei@bytewave.example", "li.wei@gmail.example"]),
        ("Line 5", "Jose Müller", [], []),
        ("Line 6", "Nobody Here", [], []),
    ]


def test_google_csv_old_export_reads_phone_types_and_skips_fax_and_pager():
    layout, _, rows, _ = read("google_contacts_old.csv")
    assert layout == "Google Contacts CSV"
    assert rows == [
        ("Line 2", "陈静", ["+8613700001111", "+861088889999"],
         ["chen.jing@example.com", "jing.chen@acme.example"]),
        ("Line 3", "Tanaka Yuki", ["+819012345678", "+818098765432"],
         ["yuki.tanaka@example.jp"]),
    ]


def test_outlook_csv_english():
    layout, _, rows, _ = read("outlook_contacts.csv")
    assert layout == "Outlook CSV"
    assert rows == [
        ("Line 2", "Fang Wang", ["+8613800138000"], ["wang.fang@example.cn"]),
        ("Line 3", "Siobhán O'Brien", ["+442079460018"], ["s.obrien@willow.example"]),
        ("Line 4", "Tanaka Yuki", ["+81312345678", "+81312340000"], []),
    ]


def test_outlook_csv_with_chinese_headers_in_gb18030():
    layout, encoding, rows, _ = read("outlook_contacts_zh.csv")
    assert (layout, encoding) == ("Outlook CSV", "gb18030")
    # Not read: 商务传真 (fax), 寻呼机 (pager), 电子邮件显示名称 (display name) and
    # 商务地址 - 邮箱 (the PO box of the business address, not an e-mail).
    assert rows == [
        ("Line 2", "王芳", ["+862162134567", "+8613800138000"], ["wang.fang@example.cn"]),
        ("Line 3", "李伟", ["+861088889999", "+8613912345678"],
         ["li.wei@bytewave.example", "li.wei@gmail.example"]),
        ("Line 4", "Emily Carter", ["+14155550199"], []),
    ]


def test_thunderbird_csv():
    layout, _, rows, _ = read("thunderbird.csv")
    assert layout == "Thunderbird CSV"
    assert rows == [
        ("Line 2", "Anna Petrova", ["+79123456789"],
         ["anna.petrova@example.ru", "anna@petrova.example"]),
        ("Line 3", "Priya Patel", ["+442079460123"], ["priya.patel@example.co.uk"]),
        ("Line 4", "dev-list@example.org", [], ["dev-list@example.org"]),
    ]


@pytest.mark.parametrize("name, layout", [("email_only.csv", "CSV"),
                                          ("email_list.csv", "CSV list")])
def test_an_e_mail_only_csv_imports(name, layout):
    found_layout, _, rows, _ = read(name)
    assert found_layout == layout
    assert [row[3] for row in rows] == [["li.wei@bytewave.example"], ["wang.fang@example.cn"]]


def test_windows_1252_csv():
    _, encoding, rows, _ = read("windows1252.csv")
    assert encoding == "cp1252"
    assert rows == [("Line 2", "José", ["+34612345678"], [])]


def test_utf16_with_bom_and_gb18030_csvs_read_alike():
    text = "姓名,手机,邮箱\r\n陈静,137 0000 1111,chen@example.com\r\n"
    for data in (text.encode("utf-16"), text.encode("gb18030"), text.encode("utf-8-sig")):
        parsed = read_address_book("c.csv", data, LIMITS)
        assert [(e.label, e.phones, e.emails) for e in parsed.entries] == [
            ("陈静", ["137 0000 1111"], ["chen@example.com"])]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(delimiter):
    data = delimiter.join(["Name", "Mobile", "Email"]) + "\n" + \
        delimiter.join(["Li Wei", "+86 139 1234 5678", "li@example.com"]) + "\n"
    parsed = read_address_book("c.csv", data.encode(), LIMITS)
    assert [(e.phones, e.emails) for e in parsed.entries] == [
        (["+86 139 1234 5678"], ["li@example.com"])]


@pytest.mark.parametrize("header", [
    "E-mail Address", "E-mail 2 Address", "E-mail 1 - Value", "Primary Email",
    "Secondary Email", "Email Home", "Email Work", "Email Other", "Email : home", "email",
    "电子邮件地址", "电子邮件 2 地址", "邮箱", "电子邮箱", "電子郵件地址", "E-Mail-Adresse",
    "E-Mail 2: Adresse", "Adresse de messagerie", "Dirección de correo electrónico",
    "電子メール アドレス"])
def test_email_headers_of_every_client(header):
    assert is_email_column(header_key(header))
    assert not is_phone_column(header_key(header))


@pytest.mark.parametrize("header", [
    "Mobile Phone", "Business Phone 2", "Home Phone", "Primary Phone", "Company Main Phone",
    "Phone 1 - Value", "Work Phone", "Mobile Number", "Phone : iPhone", "Phone : mobile",
    "iPhone", "tel", "移动电话", "商务电话", "住宅电话 2", "手机", "手机号码", "行動電話",
    "Mobiltelefon", "Telefon geschäftlich", "Téléphone bureau", "Tél. mobile",
    "Teléfono móvil", "携帯電話"])
def test_phone_headers_of_every_client(header):
    assert is_phone_column(header_key(header))


@pytest.mark.parametrize("header", [
    "Business Fax", "Home Fax", "Pager", "Fax Number", "Pager Number", "Telex",
    "E-mail Type", "E-mail Display Name", "E-mail 1 - Type", "Phone 1 - Type",
    "Phone 1 - Label", "商务传真", "寻呼机", "电子邮件类型", "电子邮件显示名称", "商务地址 - 邮箱",
    "电报", "Fax geschäftlich", "E-Mail-Typ", "Notes", "Mailing Address"])
def test_columns_that_hold_no_phone_or_e_mail(header):
    key = header_key(header)
    assert not is_email_column(key) and not is_phone_column(key)


def test_vcard_with_only_unknown_versions_is_refused():
    data = b"BEGIN:VCARD\r\nVERSION:5.0\r\nFN:X\r\nEND:VCARD\r\n"
    with pytest.raises(ParseError, match=r"^No card in the file could be read \(line 1\)\. "
                                         r"Line 2: vCard version 5.0 is not 2.1, 3.0 or 4.0"):
        read_address_book("x.vcf", data, LIMITS)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_vcards_with_a_byte_order_mark_read_alike(encoding):
    """Outlook for Mac and some Windows tools write vCards in UTF-16 with a BOM."""
    text = (DATA / "iphone_v3.vcf").read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    parsed = read_address_book("contacts.vcf", data, LIMITS)
    original = read_address_book("contacts.vcf", text.encode(), LIMITS)
    assert [(e.where, e.label, e.phones, e.emails) for e in parsed.entries] == \
        [(e.where, e.label, e.phones, e.emails) for e in original.entries]
    assert len(parsed.entries) == 5


def test_a_photo_is_passed_over_without_being_joined():
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * 19 + "\r\n" + \
        "".join(" " + "QUFB" * 19 + "\r\n" for _ in range(2000))
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\n" + photo + \
        "TEL:+86 138 0013 8000\r\nEND:VCARD\r\n"
    from recruit.contacts.parsing.vcard import unfold
    lines = unfold(text)
    assert lines[3] == (4, "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * 19)  # not joined
    assert lines[4] == (2005, "TEL:+86 138 0013 8000")
    parsed = read_address_book("c.vcf", text.encode(), LIMITS)
    assert [(e.label, e.phones) for e in parsed.entries] == [("Big Photo", ["+86 138 0013 8000"])]
