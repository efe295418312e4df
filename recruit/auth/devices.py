"""What the "Your sessions" page says about a session: the browser and system from the
User-Agent, and a coarse place from the address.

Only the coarse form of an address is ever stored: the /24 network of an IPv4 address
and the /48 of an IPv6 one (what an ISP assigns to a site), never the address itself.
No geolocation database ships with the app, so the "place" is that network.
"""
from __future__ import annotations

import ipaddress
import re

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edge", re.compile(r"Edg(?:e|A|iOS)?/")),
    ("Opera", re.compile(r"OPR/|Opera")),
    ("WeChat", re.compile(r"MicroMessenger/")),
    ("Firefox", re.compile(r"Firefox/|FxiOS/")),
    ("Chrome", re.compile(r"Chrome/|CriOS/")),
    ("Safari", re.compile(r"Safari/")),
)
_SYSTEMS = (
    ("Android", re.compile(r"Android")),
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Mac OS X|Macintosh")),
    ("Linux", re.compile(r"Linux|X11")),
)


def describe_device(user_agent: str | None) -> str:
    """"Firefox on Linux", "Chrome on Android", or "Unknown browser"."""
    agent = (user_agent or "")[:512]
    browser = next((name for name, pattern in _BROWSERS if pattern.search(agent)), None)
    system = next((name for name, pattern in _SYSTEMS if pattern.search(agent)), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "Unknown browser")


def coarse_place(address: str | None) -> str:
    """The network an address belongs to ("203.0.113.0/24"), or "unknown"."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
