"""Stage 1: bytes in, text out.

Decoding keeps the text exactly as the user gave it (no normalisation), so every
offset reported downstream is a Python ``str`` index into the decoded text.  A
byte-order mark is encoding metadata, not text, and is removed.
"""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DecodingFallbackWarning, InputError, InputNotFoundError

#: Fallback tried when bytes are not valid UTF-8.  cp1252 is what Windows tools
#: and many scraped archives write; it leaves only five byte values undefined.
FALLBACK_ENCODING = "cp1252"

#: Share of control characters (other than tab, CR, LF, FF) above which decoded
#: "text" is treated as binary.  Real posts have none; 10% leaves room for the
#: odd stray control character in scraped text while refusing executables,
#: images and archives, which decode to far more.
BINARY_CONTROL_SHARE = 0.10

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class Document:
    """A decoded text with where it came from and how it was decoded."""

    text: str
    source: str = "<text>"
    encoding: str = "str"
    warnings: tuple[DecodingFallbackWarning, ...] = field(default=())


def check_encoding(encoding: str, where: str = "") -> None:
    """A codec Python knows, or a one-line error (a batch run checks once, before reading)."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{where}unknown encoding {encoding!r} (try utf-8 or cp1252)") from None


def decode(data: bytes, encoding: str | None = None, source: str = "<bytes>") -> Document:
    """Decode ``data`` as UTF-8 (BOM optional), UTF-16 with a BOM, or cp1252.

    ``encoding`` forces one codec.  Raises :class:`InputError` for binary data
    or bytes that no supported encoding decodes.
    """
    if data.startswith(b"\x1f\x8b"):
        raise InputError(f"{source}: gzip-compressed; decompress it, or measure it with `rhetoric batch` "
                         "(which reads .jsonl.gz, .csv.gz and .tsv.gz)")
    if encoding:
        check_encoding(encoding, f"{source}: ")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: not valid {encoding} at byte {exc.start}; "
                             "try another --encoding") from None
        return _checked(Document(_strip_bom(text), source, encoding))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Document(data.decode(codec).lstrip("\ufeff"), source, codec))
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: starts with a {codec} byte-order mark but is not "
                                 f"valid {codec} at byte {exc.start}") from None
    if b"\x00" in data:
        raise InputError(f"{source}: looks binary (contains NUL bytes); give a text file, "
                         "or --encoding utf-16-le if it is UTF-16 without a byte-order mark")
    try:
        return _checked(Document(data.decode("utf-8"), source, "utf-8"))
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        raise InputError(f"{source}: not valid UTF-8 (byte {bad}) nor {FALLBACK_ENCODING}; "
                         "give the right --encoding") from None
    note = DecodingFallbackWarning(f"not valid UTF-8 (first bad byte at {bad}); decoded as {FALLBACK_ENCODING} — "
                                   "use --encoding to choose another")  # the caller names the file
    return _checked(Document(text, source, FALLBACK_ENCODING, (note,)))


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _checked(doc: Document) -> Document:
    text = doc.text
    if text:
        sample = text[:65536]
        controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
        if "\x00" in sample or controls > BINARY_CONTROL_SHARE * len(sample):
            raise InputError(f"{doc.source}: looks binary ({controls} control characters "
                             f"in the first {len(sample)}); give a text file")
    return doc


#: Extensions of files that hold many documents: ``rhetoric batch`` reads them, one text is not.
DOCUMENTS_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")


def check_one_text(path: str | Path) -> None:
    """Refuse a file of documents (JSON Lines, CSV, Parquet, compressed or not) given as one text:
    measured as prose it would count the field names and quotes of its records."""
    name = Path(path).name.lower().removesuffix(".gz")
    if name.endswith(DOCUMENTS_SUFFIXES):
        raise InputError(f"{path}: a file of documents ({name.rsplit('.', 1)[-1]}), not one text; measure it with "
                         f"`rhetoric batch {path} -o results.csv`")


def read_text(path: str | Path, encoding: str | None = None) -> Document:
    """Read and decode a file; ``"-"`` reads standard input."""
    if str(path) == "-":
        return decode(sys.stdin.buffer.read(), encoding, source="<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a text file (use `rhetoric batch` for folders)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return decode(data, encoding, source=str(p))


