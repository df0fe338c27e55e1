"""Helpers shared by the account tests."""

from __future__ import annotations

import re

LINK = re.compile(r"https?://[^\s]+?/accounts/[^\s]+/")


def only_link(message) -> str:
    links = LINK.findall(message.body)
    assert links, message.body
    return links[0].split("://", 1)[1].split("/", 1)[1].join(["/", ""])
