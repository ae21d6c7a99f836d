"""The bad-input corpus: small real files written on demand."""

import zipfile
from pathlib import Path

import openpyxl

DTN_HEADER = "Year,Quarter,Total\n"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def zip_bomb(path: Path, *, megabytes: int = 200) -> Path:
    """An 'xlsx' whose one part expands from about 200 KB to `megabytes` MB."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"0" * (1024 * 1024)
            for _ in range(megabytes):
                part.write(block)
    return path


def many_entries(path: Path, entries: int = 1500) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(entries):
            archive.writestr(f"xl/part{number}.xml", "<x/>")
    return path
