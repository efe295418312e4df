"""Company e-mail domains: the shape of a domain, and the public providers that prove
nothing about an employer."""
from __future__ import annotations

import re

from graph.errors import Invalid

DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Anyone can hold an address at these, so they prove nothing about an employer.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
    "mail.com", "qq.com", "163.com", "126.com", "sina.com", "sohu.com", "yeah.net",
    "foxmail.com", "aliyun.com",
})


def clean_domain(raw: str | None) -> str | None:
    """A company e-mail domain, lower-cased, or None when empty; ``Invalid`` if malformed
    or a public mail provider."""
    domain = (raw or "").strip().lower().lstrip("@")
    if not domain:
        return None
    if not DOMAIN.match(domain):
        raise Invalid("Enter a domain such as acme.com (no @, no http://).")
    if domain in PUBLIC_MAIL_DOMAINS:
        raise Invalid(f"{domain} is a public e-mail provider, not a company domain.")
    return domain
