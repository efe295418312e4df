"""Company e-mail domains: the shape of a domain, and the public providers that prove
nothing about an employer."""
from __future__ import annotations

import re

from graph.errors import Invalid

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Anyone can hold an address at these, so they prove nothing about an employer: they can
# never be a company's domain, nor tie a member to one. Kept by hand; add providers here.
PUBLIC_MAIL_DOMAINS = frozenset({
    # International
    "gmail.com", "googlemail.com", "outlook.com", "outlook.cn", "hotmail.com", "hotmail.co.uk",
    "live.com", "live.cn", "msn.com", "yahoo.com", "yahoo.co.jp", "yahoo.com.hk",
    "yahoo.com.tw", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
    "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com",
    "mail.ru", "yandex.com", "yandex.ru", "zoho.com", "zohomail.com", "fastmail.com",
    "tutanota.com", "hey.com", "naver.com", "daum.net", "hanmail.net",
    # Chinese providers
    "qq.com", "vip.qq.com", "foxmail.com", "163.com", "vip.163.com", "126.com", "vip.126.com",
    "yeah.net", "188.com", "netease.com", "sina.com", "sina.cn", "vip.sina.com", "sohu.com",
    "vip.sohu.com", "aliyun.com", "139.com", "wo.cn", "189.cn",
    "21cn.com", "tom.com", "263.net", "2980.com", "outlook.com.cn",
})


def is_public_mail_domain(domain: str | None) -> bool:
    """Whether addresses at ``domain`` (or a sub-domain of a listed provider, such as
    ``mail.qq.com``) can be had by anyone."""
    domain = (domain or "").strip().lower()
    return any(domain == known or domain.endswith("." + known) for known in PUBLIC_MAIL_DOMAINS)


def clean_domain(raw: str | None) -> str | None:
    """A company e-mail domain, lower-cased, or None when empty; ``Invalid`` if malformed
    or a public mail provider."""
    domain = (raw or "").strip().lower().lstrip("@")
    if not domain:
        return None
    if not DOMAIN.match(domain):
        raise Invalid("Enter a domain such as acme.com (no @, no http://).")
    if is_public_mail_domain(domain):
        raise Invalid("%(domain)s is a public e-mail provider, not a company domain.", domain=domain)
    return domain


# Labels that say nothing about whose domain it is.
_GENERIC_LABELS = frozenset({"com", "net", "org", "co", "gov", "edu", "ac", "www", "mail",
                             "email", "corp", "group", "inc", "ltd"})


def domain_fits_names(domain: str, folded_names: list[str]) -> bool:
    """Whether the domain plausibly belongs to a company with these folded names: one of
    its labels (not the top level, nor a generic word) is part of a name, or a name is
    part of it ("x.example" and "xindustries-careers.com" fit "X Industries";
    "evil.example" does not). A coherence check against cheap look-alike claims, not a
    proof: a company whose domain does not fit its name is verified by staff."""
    labels = [label.replace("-", "") for label in domain.lower().split(".")[:-1]]
    labels = [label for label in labels if label and label not in _GENERIC_LABELS]
    return any(label in name or name in label
               for label in labels for name in folded_names if name)
