"""Treebeard materialised paths computed by the seeder (steplen 4, base 36), as ``MP_Node`` builds them."""

from __future__ import annotations

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def int2str(number: int) -> str:
    digits = ""
    while True:
        number, rem = divmod(number, len(ALPHABET))
        digits = ALPHABET[rem] + digits
        if number == 0:
            return digits


def child_path(parent_path: str, position: int) -> str:
    """Path of the ``position``-th child (1-based) of a node, as treebeard's MP_Node builds it."""
    return parent_path + int2str(position).rjust(STEPLEN, "0")
