"""clean, first step: bytes to text, and the checks that reject what is no text at all.

``check_size`` and ``check_text`` guard the clean stage; ``decode_bytes`` picks the
encoding (byte order mark, UTF-8, the charset an HTML page declares, UTF-8 with stray
bytes, legacy code pages). Every failure is a ``RejectedError`` (``too_large``,
``empty``, ``binary`` or ``encoding``).

The rule for bytes that are not valid UTF-8: the text stays UTF-8, and each stray byte is
read as cp1252 where cp1252 defines it (a curly quote, an accented letter) or becomes
U+FFFD, unless the bytes look like a legacy code page. Only a text whose bytes outside UTF-8
are many (``MIN_LEGACY_SHARE`` of all bytes) and mostly in runs (Cyrillic, Greek, Arabic,
Hebrew, East Asian words) is handed to charset-normalizer. A few stray bytes are noise:
before this rule, one byte cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) sent an
English text to charset-normalizer, which read it as cp1251 and made every stray byte a
Cyrillic letter.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from herald.errors import RejectedError

# ---------------------------------------------------------------- limits (each one measured)

BINARY_SAMPLE = 65_536  # bytes looked at to call a file binary
MAX_CONTROL_SHARE = 0.02  # text files hold almost no C0 control characters
# Western European text in a code page has its accented letters and curly quotes one at a
# time between ASCII letters; Cyrillic, Greek or East Asian code pages have runs of high
# bytes. With mostly lone high bytes we read cp1252 (the encoding of nearly all legacy
# English pages) before asking charset-normalizer, which cannot tell single-byte code pages
# apart on so little evidence: it read "Caf\xe9 ... na\xefve" as cp775 "Cafķ".
LONE_HIGH_SHARE = 0.8
# Share of the bytes above 0x7F that form valid UTF-8 sequences in a UTF-8 text with some
# cp1252 bytes mixed in; legacy East Asian encodings form such sequences only by chance.
MIN_UTF8_SHARE = 0.5
# Share of all bytes that must be high bytes outside UTF-8 sequences before we believe in a
# legacy code page of another script: in such a code page every letter is a high byte
# (measured on news sentences: 84% in Russian cp1251 and KOI8-R, 86% in Greek cp1253, 84% in
# Japanese Shift-JIS), while stray bytes in English are one in a hundred or fewer.
MIN_LEGACY_SHARE = 0.05
MAX_BAD_CHAR_SHARE = 0.05  # replacement characters and C1 controls left after decoding

_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BAD_CHARS = re.compile("[\ufffd\x80-\x9f]")


# ---------------------------------------------------------------- checks


def check_size(content: bytes | str, max_bytes: int) -> None:
    """RejectedError("too_large") when the content has more than ``max_bytes`` bytes."""
    size = len(content) if isinstance(content, bytes) else len(content.encode("utf-8", "replace"))
    if size > max_bytes:
        raise RejectedError("too_large", f"{size} bytes, limit {max_bytes}")


def check_text(text: str) -> None:
    """RejectedError when decoded text is blank, binary or mostly undecodable characters."""
    if not text.strip():
        raise RejectedError("empty", "no characters other than white space")
    sample = text[:BINARY_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if "\x00" in sample or controls > MAX_CONTROL_SHARE * len(sample):
        raise RejectedError("binary", f"{controls} control characters in text")
    if len(_BAD_CHARS.findall(sample)) > MAX_BAD_CHAR_SHARE * len(sample):
        raise RejectedError("encoding", "too many undecodable characters")


def _check_binary(sample: bytes) -> None:
    if sample.startswith(_MAGIC) or b"\x00" in sample:
        raise RejectedError("binary", "NUL bytes or a binary file signature")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise RejectedError("binary", f"{controls} control bytes in the first {len(sample)}")


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, kind: str = "text") -> str:
    """Text from bytes: BOM, UTF-8, declared charset (HTML), mixed UTF-8, code pages."""
    if not data.strip():
        raise RejectedError("empty", "no bytes other than white space")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, codec) or _reject_encoding(codec)
    _check_binary(data[:BINARY_SAMPLE])
    text = _decode_strict(data, "utf-8")
    if text is not None:
        return text
    declared = _declared_charset(data) if kind == "html" else None
    if declared and (text := _decode_strict(data, declared)) is not None:
        return text
    if _looks_like_legacy_code_page(data):
        return _decode_legacy(data)
    # UTF-8 (or ASCII) with some stray bytes: a page pasted together from UTF-8 and cp1252
    # parts, or a few bytes of noise. One guessed code page would garble the UTF-8 part, so
    # we keep UTF-8 and read only the stray bytes as cp1252 (undefined ones become U+FFFD).
    # Text whose high bytes are all lone is cp1252 read the same way.
    return data.decode("utf-8", errors=_CP1252_FALLBACK)


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # Browsers read these labels as windows-1252 (WHATWG encoding standard), and so do we.
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name


def _looks_like_legacy_code_page(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 look like a code page of a non-Latin script.

    Not when most high bytes form UTF-8 sequences (mixed UTF-8 and cp1252), nor when the
    high bytes are mostly lone (cp1252: accents and quotes between ASCII letters), nor when
    they are too few to be the letters of a text (a few stray bytes).
    """
    high_bytes = len(_HIGH_BYTE.findall(data))
    in_utf8 = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(data))
    if in_utf8 >= MIN_UTF8_SHARE * high_bytes:
        return False
    if high_bytes - in_utf8 < MIN_LEGACY_SHARE * len(data):
        return False
    return len(_LONE_HIGH_BYTE.findall(data)) < LONE_HIGH_SHARE * high_bytes


def _decode_legacy(data: bytes) -> str:
    """Text in a single-byte or East Asian code page of a non-Latin script."""
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        return str(best)
    return _decode_strict(data, "cp1252") or _reject_encoding("utf-8, cp1252")


def _reject_encoding(tried: str) -> str:
    raise RejectedError("encoding", f"bytes are not valid in {tried} and no encoding fits")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the undecodable UTF-8 bytes as cp1252."""
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "herald-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)
