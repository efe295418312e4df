"""Which CSV column holds what, from the header row, in every export we know.

Columns are recognised by the words in their header rather than by a fixed list, so the
same rules read Google Contacts (old "E-mail 1 - Type/Value", current "E-mail 1 -
Label/Value", "Phone 1 - Value"), Outlook in English, Simplified and Traditional Chinese,
German, French, Spanish and Japanese ("E-mail Address", "电子邮件地址", "移动电话",
"E-Mail-Adresse", "Téléphone bureau", ...), Thunderbird ("Primary Email", "Secondary
Email", "Mobile Number", ...), the CSVs that Apple Contacts exporter apps write
("Email : home", "Phone : iPhone", ...) and any hand-made name/phone/email sheet.

Fax, pager and telex columns are not phones a person answers; "type", "label" and
"display name" columns describe a value and hold none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .common import person_label

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
EMAIL_WORDS = frozenset({"email", "mail", "emails", "courriel", "messagerie", "correo"})
PHONE_WORDS = frozenset({"phone", "phones", "mobile", "tel", "telephone", "cell",
                         "cellphone", "iphone", "callback", "handy", "tél", "téléphone",
                         "teléfono", "móvil", "celular", "telefone", "telefono",
                         "cellulare"})
# "Mobiltelefon", "Autotelefon", "Telefon geschäftlich": German compounds end in it.
PHONE_SUFFIXES = ("telefon",)
NOT_VALUE_WORDS = frozenset({"fax", "pager", "telex", "type", "typ", "label", "display",
                             "kind", "angezeigter", "nom", "name", "affichage",
                             "télécopie", "bip", "nombre", "tipo"})
CJK_EMAIL = ("邮件", "郵件", "メール")
CJK_EMAIL_BOX = re.compile(r"^(?:电子)?[邮郵]箱(?:地址)?\s*\d*$")  # not "商务地址 - 邮箱" (PO box)
CJK_PHONE = ("电话", "電話", "手机", "手機", "携帯")
CJK_NOT_VALUE = ("传真", "傳真", "寻呼", "呼叫器", "电报", "電報", "类型", "類型", "显示",
                 "顯示", "ファックス", "ポケットベル", "種類")
FULL_NAME_COLUMNS = ("name", "full name", "display name", "姓名", "名字", "联系人",
                     "聯絡人", "显示名称")
GIVEN_COLUMNS = ("first name", "given name", "名", "vorname", "prénom", "nombre")
MIDDLE_COLUMNS = ("middle name", "additional name", "中间名", "中間名", "weitere vornamen",
                  "deuxième prénom", "segundo nombre")
FAMILY_COLUMNS = ("last name", "family name", "surname", "姓", "姓氏", "nachname", "nom",
                  "apellidos")
HANDLE_COLUMNS = frozenset({"handle", "username", "user name", "screen_name", "screen name",
                            "login", "account", "user", "用户名", "账号"})
_GOOGLE_VALUE = re.compile(r"^(.*\d+) - value$")


def header_key(cell: str) -> str:
    """A header cell compared loosely: no BOM, single spaces, lower case, 'e-mail' and
    'e mail' as 'email'."""
    key = _SPACES.sub(" ", (cell or "").replace("\ufeff", "")).strip().lower()
    return key.replace("e-mail", "email").replace("e mail", "email")


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= char <= "\u9fff" for char in text)


def is_email_column(key: str) -> bool:
    """True for a header whose column holds e-mail addresses."""
    if _has_cjk(key):
        if any(word in key for word in CJK_NOT_VALUE):
            return False
        return any(word in key for word in CJK_EMAIL) or bool(CJK_EMAIL_BOX.match(key))
    words = set(_WORDS.findall(key))
    return bool(words & EMAIL_WORDS) and not words & NOT_VALUE_WORDS


def is_phone_column(key: str) -> bool:
    """True for a header whose column holds phone numbers (fax and pager excluded)."""
    if _has_cjk(key):
        return any(word in key for word in CJK_PHONE) and \
            not any(word in key for word in CJK_NOT_VALUE)
    words = set(_WORDS.findall(key))
    if words & NOT_VALUE_WORDS:
        return False
    return bool(words & PHONE_WORDS) or any(w.endswith(PHONE_SUFFIXES) for w in words)


def _first(keys: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def _layout(keys: list[str]) -> str:
    if any(key.endswith(" - value") for key in keys):
        return "Google Contacts CSV"
    if {"email display name", "business phone", "电子邮件显示名称", "商务电话",
            "電子郵件顯示名稱", "商務電話"} & set(keys):
        return "Outlook CSV"
    if "primary email" in keys:
        return "Thunderbird CSV"
    return "CSV"


@dataclass
class Columns:
    """The columns of a CSV address book or follow list, by what they hold."""

    width: int
    layout: str = "CSV"
    emails: list[int] = field(default_factory=list)
    phones: list[int] = field(default_factory=list)
    handles: list[int] = field(default_factory=list)
    full_name: int | None = None
    # given, middle and family name columns (None where the header has none)
    names: list[int | None] = field(default_factory=list)
    # Google: the "Phone 1 - Type"/"- Label" column that says a "Phone 1 - Value" is a fax.
    phone_types: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_header(cls, header: list[str]) -> "Columns":
        """Recognise the columns of ``header``."""
        keys = [header_key(cell) for cell in header]
        columns = cls(width=len(keys), layout=_layout(keys))
        columns.emails = [i for i, k in enumerate(keys) if is_email_column(k)]
        columns.phones = [i for i, k in enumerate(keys) if is_phone_column(k)]
        columns.handles = [i for i, k in enumerate(keys) if k in HANDLE_COLUMNS]
        columns.full_name = _first(keys, FULL_NAME_COLUMNS)
        columns.names = [_first(keys, names) for names in
                         (GIVEN_COLUMNS, MIDDLE_COLUMNS, FAMILY_COLUMNS)]
        for index in columns.phones:
            match = _GOOGLE_VALUE.match(keys[index])
            if match:
                kind = _first(keys, (f"{match.group(1)} - type", f"{match.group(1)} - label"))
                if kind is not None:
                    columns.phone_types[index] = kind
        return columns

    def label(self, cells: list[str]) -> str:
        """The contact's name from the name columns, for messages only."""
        if self.full_name is not None and cells[self.full_name].strip():
            return cells[self.full_name].strip()[:100]
        return person_label(*(cells[i] if i is not None else "" for i in self.names))

    def is_fax_or_pager(self, index: int, cells: list[str]) -> bool:
        """True when a Google type column says phone column ``index`` is a fax/pager."""
        kind = self.phone_types.get(index)
        return kind is not None and \
            bool(re.search(r"fax|pager", cells[kind], re.IGNORECASE))
