"""Decode the bytes of a text extraction: UTF-8 (± BOM), UTF-16 (± BOM), Big5/CP950.

Order: BOM -> (NUL bytes? UTF-16 heuristics or binary) -> strict UTF-8 -> strict cp950.
NULs are checked before UTF-8 because UTF-16 of ASCII-heavy text is also valid UTF-8.
Line endings come back normalised to LF. Everything that fails raises `InputError`, except
bytes that stop inside the last character: a file cut there is read without them, with an
`ends_inside_character` error, like a file cut between characters (kept with its errors).
"""

from __future__ import annotations

import re

from unitbudget.errors import InputError
from unitbudget.loaders.issues import LoadIssue

_BOMS: list[tuple[bytes, str, str]] = [
    # (bom, codec that strips it, reported name); UTF-32 first: its LE BOM starts with FF FE.
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16", "utf-16-le"),
    (b"\xfe\xff", "utf-16", "utf-16-be"),
]
# Share of NULs on one byte parity that makes BOM-less UTF-16 "obvious".
_UTF16_PARITY = 0.9
# Text extractions contain tabs and newlines, never other control characters in bulk.
_MAX_CONTROL_RATIO = 0.01
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, LF, VT, FF and CR
# (U+0009-U+000D) are allowed. One regex scan instead of a Python loop per character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# The same characters in UTF-8: the C0 ones and DEL as bytes, the C1 ones as C2 80-C2 9F.
_C0_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
# What the codecs say of bytes that end inside a character (UTF-8 and UTF-16 surrogates,
# UTF-16/32 code units, CP950 lead bytes); any other reason is a bad byte, refused.
_CUT_REASONS = frozenset(
    {"unexpected end of data", "truncated data", "incomplete multibyte sequence"}
)


def decode(data: bytes, file_name: str, issues: list[LoadIssue] | None = None) -> tuple[str, str]:
    """Return (text with LF line ends, encoding name) or raise `InputError` naming the file.

    Bytes dropped because they end inside a character are said in `issues` (if given)."""
    if not data.strip():
        raise InputError("empty file: nothing to read", file=file_name)
    if data.lstrip().startswith(b"%PDF"):
        raise InputError(
            "this is a PDF file; the text reader needs a text extraction of it", file=file_name
        )
    dropped: list[int] = []
    text, encoding = _decode_bytes(data, file_name, dropped)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if dropped and issues is not None:
        issues.append(
            LoadIssue(
                "error",
                "ends_inside_character",
                f"the file ends inside a character: its last {dropped[0]} byte(s) are not a "
                f"whole {encoding} character and were dropped; the file looks cut",
                line=text.count("\n") + 1,
            )
        )
    if encoding != "utf-8" or _utf8_has_controls(data):
        _check_not_binary(text, file_name)
    return text, encoding


def _utf8_has_controls(data: bytes) -> bool:
    """Whether valid UTF-8 `data` holds a character `_CONTROL` matches, on the bytes: C0 and DEL
    are single bytes, C1 (U+0080-U+009F) is C2 80-C2 9F. Two C-speed passes instead of a regex
    over every character; a file without any (nearly all) needs no further check."""
    if len(data.translate(None, _C0_BYTES)) != len(data):
        return True
    return b"\xc2" in data and _C1_UTF8.search(data) is not None


def _decode_cut(data: bytes, codec: str, dropped: list[int]) -> str:
    """`data` decoded strictly; when the only bad bytes are an unfinished last character (the
    file was cut inside it), decoded without them and their count appended to `dropped`."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        # exc.object: the bytes the codec saw (utf-8-sig has already removed its BOM)
        if exc.reason not in _CUT_REASONS or exc.end != len(exc.object):
            raise
        text = exc.object[: exc.start].decode(codec)
        dropped.append(len(exc.object) - exc.start)
        return text


def _decode_bytes(data: bytes, file_name: str, dropped: list[int]) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _decode_cut(data, codec, dropped), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(byte offset {exc.start})",
                    file=file_name,
                ) from exc
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, file_name, dropped)
    try:
        return _decode_cut(data, "utf-8", dropped), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return _decode_cut(data, "cp950", dropped), "cp950"
    except UnicodeDecodeError as exc:
        cp950_error = exc
    # Report the position of the codec that got furthest: the likelier intended one.
    worst = max(utf8_error, cp950_error, key=lambda e: e.start)
    codec = "UTF-8" if worst is utf8_error else "Big5/CP950"
    raise InputError(
        "cannot decode: not valid UTF-8, UTF-16 or Big5/CP950 "
        f"(first undecodable byte 0x{data[worst.start]:02x} for {codec})",
        file=file_name,
        line=data.count(b"\n", 0, worst.start) + 1,
    )


def _decode_utf16_without_bom(data: bytes, file_name: str, dropped: list[int]) -> tuple[str, str]:
    """NUL bytes: accept only UTF-16 whose NULs sit (almost) all on one byte parity."""
    nul_even = data[0::2].count(0)
    nul_odd = data.count(b"\x00") - nul_even
    total = nul_even + nul_odd
    candidates = []
    if len(data) % 2 == 0 and total >= 4:
        if nul_odd / total >= _UTF16_PARITY:
            candidates.append("utf-16-le")
        elif nul_even / total >= _UTF16_PARITY:
            candidates.append("utf-16-be")
    for codec in candidates:
        try:
            return _decode_cut(data, codec, dropped), codec
        except UnicodeDecodeError:
            pass
    first_nul = data.index(b"\x00")
    raise InputError(
        "binary data: contains NUL bytes and is not UTF-16 text",
        file=file_name,
        line=data.count(b"\n", 0, first_nul) + 1,
    )


def _check_not_binary(text: str, file_name: str) -> None:
    controls = _CONTROL.findall(text)
    if "\x00" in text or len(controls) > _MAX_CONTROL_RATIO * len(text):
        first = _CONTROL.search(text)
        at = first.start() if first else text.index("\x00")
        raise InputError(
            f"binary data: {len(controls)} control characters in {len(text)} characters",
            file=file_name,
            line=text.count("\n", 0, at) + 1,
        )
