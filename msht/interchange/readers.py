"""Reading uploaded tables safely: type by content, size and row limits, zip-bomb checks,
encodings, and a streamed row iterator for CSV and XLSX.

Every refusal is a `FileRefused` with a message a caseworker can act on; nothing is read into
memory whole, so memory stays flat whatever the file size.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

MAX_FILE_BYTES = 512 * 1024 * 1024  # 512 MB
MAX_ROWS = 2_000_000
# An XLSX is a zip: refuse archives whose contents would expand out of proportion.
MAX_XLSX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024  # 1 GB
MAX_XLSX_RATIO = 100  # uncompressed / compressed, over the whole archive
MAX_XLSX_ENTRIES = 1000
MAX_CELL_CHARS = 10_000

ZIP_MAGIC = b"PK\x03\x04"
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old-style Excel (.xls) or Word file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"MZ": "a program",
    b"\x7fELF": "a program",
}


class FileRefused(Exception):
    """The file cannot be imported at all; `message` says why in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """An open table: its column headings and a row iterator of (row number, values)."""

    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str = "utf-8"
    close: Callable[[], None] | None = None
    fraction: Callable[[], float] | None = None  # how far through the file, 0..1


def detect_format(path: Path) -> str:
    """'csv' or 'xlsx', decided by the file's content, never by its name."""
    size = path.stat().st_size
    if size == 0:
        raise FileRefused("The file is empty. Choose a CSV or Excel file with a header row.")
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            f"The file is {size / 1024 / 1024:.0f} MB; files must be smaller than "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    for signature, description in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise FileRefused(f"The file is {description}, not a CSV or Excel (.xlsx) file.")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused("The file is not a text (CSV) or Excel (.xlsx) file.")
    return "csv"


def check_xlsx_archive(path: Path) -> None:
    """Refuse a zip bomb before any of it is decompressed: only the directory is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRefused(
            "The Excel file is damaged and cannot be opened. Save it again as .xlsx."
        ) from error
    if len(entries) > MAX_XLSX_ENTRIES:
        raise FileRefused(
            f"The Excel file holds {len(entries)} parts, more than a spreadsheet should "
            f"({MAX_XLSX_ENTRIES}). It has been refused as unsafe."
        )
    compressed = sum(entry.compress_size for entry in entries)
    uncompressed = sum(entry.file_size for entry in entries)
    if uncompressed > MAX_XLSX_UNCOMPRESSED_BYTES or (
        uncompressed > 10 * 1024 * 1024 and uncompressed > MAX_XLSX_RATIO * max(compressed, 1)
    ):
        raise FileRefused(
            "The Excel file would expand to "
            f"{uncompressed / 1024 / 1024:.0f} MB from {compressed / 1024 / 1024:.1f} MB, "
            "out of proportion for a spreadsheet. It has been refused as unsafe."
        )
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise FileRefused("The file is a zip archive but not an Excel (.xlsx) workbook.")


def _detect_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # Check the whole file is UTF-8 in a streamed pass (an incremental decoder, flat memory).
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return _guess_other_encoding(path, offset + error.start)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _guess_other_encoding(path, offset)
    return "utf-8"


# Encodings transcoded rather than refused: what spreadsheets on Windows save by default.
TRANSCODABLE = ("cp1252",)


def _decodes_as(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


_MULTI_BYTE_CODE_PAGES = {"cp932", "cp936", "cp949", "cp950", "cp1361"}


def _is_single_byte(name: str) -> bool:
    name = name.lower()
    return name not in _MULTI_BYTE_CODE_PAGES and name.startswith(
        ("cp", "mac_", "iso8859", "latin", "windows", "kz1048", "ptcp154", "koi8", "hp_roman8")
    )


def _guess_other_encoding(path: Path, bad_offset: int) -> str:
    with path.open("rb") as handle:
        sample = handle.read(256 * 1024)
    matches = charset_normalizer.from_bytes(sample)
    candidates = set()
    for match in matches:
        candidates.add(match.encoding)
        candidates.update(match.could_be_from_charset)
    best = matches.best()
    guessed = best.encoding if best else ""
    # Short samples fit several single-byte code pages about equally well (cp775, cp857...);
    # Windows-1252 is the one spreadsheets in this service's offices actually write. A
    # multi-byte guess (Shift-JIS, GB18030, UTF-16...) is refused instead.
    single_byte = not candidates or all(_is_single_byte(name) for name in candidates)
    for encoding in TRANSCODABLE:
        if (encoding in candidates or single_byte) and _decodes_as(path, encoding):
            return encoding
    readable = f" (it looks like {guessed})" if guessed else ""
    raise FileRefused(
        f"The file is not in UTF-8{readable}: the byte at position {bad_offset} cannot be read. "
        "In Excel choose 'Save as' and 'CSV UTF-8 (comma delimited)', then upload it again."
    )


def _clean_header(values: list) -> list[str]:
    return [str(value or "").strip().lstrip("\ufeff").strip() for value in values]


def open_csv(path: Path, *, max_rows: int | None = None) -> Table:
    max_rows = max_rows or MAX_ROWS
    encoding = _detect_encoding(path)
    size = max(path.stat().st_size, 1)
    raw = path.open("rb")
    handle = io.TextIOWrapper(raw, encoding=encoding, newline="")
    csv.field_size_limit(MAX_CELL_CHARS * 4)
    reader = csv.reader(handle)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as error:
        handle.close()
        raise FileRefused(f"The first line of the file cannot be read as CSV: {error}.") from error
    if header is None or not any(cell.strip() for cell in header):
        handle.close()
        raise FileRefused("The file has no header row. The first row must name the columns.")

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for values in reader:
                number += 1
                if not any(value.strip() for value in values):
                    continue
                if number - 1 > max_rows:
                    raise FileRefused(
                        f"The file has more than {max_rows:,} rows. Split it into smaller files."
                    )
                yield number, values
        except csv.Error as error:
            raise FileRefused(f"Row {number + 1} cannot be read as CSV: {error}.") from error
        except UnicodeDecodeError as error:
            raise FileRefused(
                f"Row {number + 1} has characters that cannot be read in {encoding}."
            ) from error
        finally:
            handle.close()

    def fraction() -> float:
        try:
            return min(raw.tell() / size, 1.0)
        except (ValueError, OSError):
            return 1.0

    return Table(
        "csv",
        _clean_header(header),
        rows(),
        encoding=encoding,
        close=handle.close,
        fraction=fraction,
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def open_xlsx(path: Path, *, max_rows: int | None = None) -> Table:
    max_rows = max_rows or MAX_ROWS
    check_xlsx_archive(path)
    import openpyxl  # imported late: only XLSX uploads pay for it

    try:
        # data_only=False: a formula arrives as its text ("=..."), which the checks refuse;
        # it is never evaluated and its cached result is never trusted.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FileRefused(
            "The Excel file cannot be opened. Save it again as .xlsx and upload it again."
        ) from error
    sheet = workbook.worksheets[0]
    dimension_rows = sheet.max_row or 0
    if dimension_rows and dimension_rows > max_rows + 1:
        workbook.close()
        raise FileRefused(f"The file has more than {max_rows:,} rows. Split it into smaller files.")
    iterator = sheet.iter_rows(values_only=True)
    header_values = next(iterator, None)
    if header_values is None or not any(v not in (None, "") for v in header_values):
        workbook.close()
        raise FileRefused("The file has no header row. The first row must name the columns.")
    header = _clean_header(list(header_values))
    while header and not header[-1]:
        header.pop()

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for values in iterator:
                number += 1
                texts = [_cell_text(value) for value in values[: len(header)]]
                if not any(text.strip() for text in texts):
                    continue
                if number - 1 > max_rows:
                    raise FileRefused(
                        f"The file has more than {max_rows:,} rows. Split it into smaller files."
                    )
                yield number, texts
        finally:
            workbook.close()

    position = {"row": 1}

    def counted() -> Iterator[tuple[int, list[str]]]:
        for number, texts in rows():
            position["row"] = number
            yield number, texts

    def fraction() -> float:
        return min(position["row"] / max(dimension_rows, 1), 1.0) if dimension_rows else 0.0

    return Table("xlsx", header, counted(), close=workbook.close, fraction=fraction)


def open_table(path: Path, *, max_rows: int | None = None) -> Table:
    max_rows = max_rows or MAX_ROWS
    path = Path(path)
    if detect_format(path) == "xlsx":
        return open_xlsx(path, max_rows=max_rows)
    return open_csv(path, max_rows=max_rows)


def sha256_of(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def escape_for_display(value: str, limit: int = 80) -> str:
    """A value as it can be shown safely in a report: control characters made visible, cut short."""
    text = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"
