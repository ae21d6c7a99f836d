"""Every bad file gets a clear message, and nothing is written (R2, R7)."""

import codecs

import pytest

from msht.audit.models import AuditEvent, Operation
from msht.interchange import readers
from msht.interchange.models import ImportBatch, NrmPublishedTotal, NrmStatistic
from msht.interchange.services import import_file

from .corpus import DTN_HEADER, many_entries, write, xlsx, zip_bomb

pytestmark = pytest.mark.django_db


def run(path, kind="nrm-duty-to-notify", **options):
    return import_file(actor=None, kind=kind, path=path, **options)


def assert_nothing_written(batch, *, status=ImportBatch.Status.REFUSED):
    assert batch.status == status, batch.message
    assert NrmStatistic.objects.count() == 0
    assert NrmPublishedTotal.objects.count() == 0
    assert not AuditEvent.objects.filter(
        operation=Operation.COLLECTION, object_type="import_batch"
    ).exists()


def test_a_good_file_imports_and_is_audited(tmp_path):
    path = write(tmp_path / "dtn.csv", DTN_HEADER + "2023,Q1,10\n2023,Q2,20\n2023,Total,30\n")
    batch = run(path)
    assert batch.status == ImportBatch.Status.COMPLETED, batch.message
    assert (batch.rows_read, batch.rows_created) == (3, 3)
    assert NrmStatistic.objects.count() == 2  # the Total row is kept apart
    assert NrmPublishedTotal.objects.get().value == 30
    event = AuditEvent.objects.get(operation=Operation.COLLECTION, object_type="import_batch")
    assert event.object_id == str(batch.pk)
    assert event.detail["sha256"] == batch.file_sha256


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path / "dtn.csv", DTN_HEADER + "2023,Q1,10\n2023,Q2,20\n")
    run(path)
    ids = list(NrmStatistic.objects.order_by("pk").values_list("pk", "value"))
    again = run(path)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)
    assert list(NrmStatistic.objects.order_by("pk").values_list("pk", "value")) == ids


def test_a_changed_value_updates_by_natural_key(tmp_path):
    run(write(tmp_path / "a.csv", DTN_HEADER + "2023,Q1,10\n"))
    batch = run(write(tmp_path / "b.csv", DTN_HEADER + "2023,Q1,11\n"))
    assert (batch.rows_created, batch.rows_updated) == (0, 1)
    assert NrmStatistic.objects.get().value == 11


@pytest.mark.parametrize(
    ("content", "row", "column", "fragment"),
    [
        ("2023,Q1,ten\n", 2, "Total", "must be a whole number"),
        ("2023,Q5,3\n", 2, "Quarter", "Quarter must be Q1, Q2, Q3 or Q4"),
        ("twenty,Q1,3\n", 2, "Year", "Year must be a whole number"),
        ("2023,Q1,-4\n", 2, "Total", "between 0"),
        ("2023,Q1,\n", 2, "Total", "Total is missing"),
        ("2023,Q1,3,extra\n", 2, "", "the header names 3 columns"),
    ],
)
def test_wrong_values_are_reported_by_row_and_column(tmp_path, content, row, column, fragment):
    path = write(tmp_path / "bad.csv", DTN_HEADER + "2023,Q2,1\n" + content.replace("\n", "\n"))
    batch = run(path)
    assert_nothing_written(batch)
    assert "Nothing was imported" in batch.message
    error = batch.errors[0]
    assert (error["row"], error["column"]) == (row + 1, column)
    assert fragment in error["message"]


def test_all_problems_of_a_row_are_reported_together(tmp_path):
    batch = run(write(tmp_path / "bad.csv", DTN_HEADER + "1800,Q9,x\n"))
    assert {e["column"] for e in batch.errors} == {"Year", "Quarter", "Total"}
    assert batch.rows_rejected == 1 and batch.error_count == 3


def test_duplicate_keys_in_one_file(tmp_path):
    batch = run(write(tmp_path / "dup.csv", DTN_HEADER + "2023,Q1,1\n2023,Q1,2\n"))
    assert_nothing_written(batch)
    assert batch.errors[0]["row"] == 3
    assert "repeats" in batch.errors[0]["message"]


def test_valid_rows_only_saves_the_good_rows_and_reports_the_rest(tmp_path):
    path = write(tmp_path / "mixed.csv", DTN_HEADER + "2023,Q1,1\n2023,Q2,x\n2023,Q3,3\n")
    batch = run(path, valid_rows_only=True)
    assert batch.status == ImportBatch.Status.COMPLETED
    assert (batch.rows_created, batch.rows_rejected) == (2, 1)
    assert sorted(NrmStatistic.objects.values_list("quarter", flat=True)) == [1, 3]
    assert batch.errors[0]["row"] == 3


def test_simulate_counts_but_saves_nothing(tmp_path):
    batch = run(write(tmp_path / "ok.csv", DTN_HEADER + "2023,Q1,1\n"), simulate=True)
    assert_nothing_written(batch, status=ImportBatch.Status.SIMULATED)
    assert batch.rows_created == 1


def test_formula_cells_are_refused(tmp_path):
    content = 'Nationality,Total\n=HYPERLINK("http://x"),1\n@SUM(A1),2\n+cmd,3\nAlbanian,4\n'
    batch = run(write(tmp_path / "f.csv", content), kind="nrm-dtn-nationality", period="2023Q4")
    assert_nothing_written(batch)
    assert [e["row"] for e in batch.errors] == [2, 3, 4]
    assert all("formula" in e["message"] for e in batch.errors)


def test_formula_in_an_xlsx_cell_is_refused_not_evaluated(tmp_path):
    path = xlsx(tmp_path / "f.xlsx", [["Nationality", "Total"], ["=1+1", 2], ["Albanian", 1]])
    batch = run(path, kind="nrm-dtn-nationality", period="2023Q4")
    assert_nothing_written(batch)
    assert batch.errors[0]["value"] == "=1+1"


def test_control_characters_are_escaped_in_the_report(tmp_path):
    batch = run(write(tmp_path / "c.csv", DTN_HEADER + "2023,Q1,1\x1b[2J\n"))
    assert batch.errors[0]["value"] == "1\\x1b[2J"


def test_empty_file(tmp_path):
    batch = run(write(tmp_path / "empty.csv", b""))
    assert_nothing_written(batch)
    assert "The file is empty" in batch.message


def test_header_only_file(tmp_path):
    batch = run(write(tmp_path / "header.csv", DTN_HEADER))
    assert_nothing_written(batch)
    assert "no data rows" in batch.message


def test_blank_lines_only_after_the_header(tmp_path):
    batch = run(write(tmp_path / "blank.csv", DTN_HEADER + "\n,,\n\n"))
    assert "no data rows" in batch.message


def test_missing_and_unknown_columns(tmp_path):
    batch = run(write(tmp_path / "cols.csv", "Year,Quater,Total\n2023,Q1,1\n"))
    assert_nothing_written(batch)
    assert "missing the column(s): Quarter" in batch.message
    assert "does not know: Quater" in batch.message


def test_utf8_with_bom_is_read(tmp_path):
    path = write(tmp_path / "bom.csv", codecs.BOM_UTF8 + (DTN_HEADER + "2023,Q1,5\n").encode())
    assert run(path).status == ImportBatch.Status.COMPLETED


def test_windows_1252_is_transcoded(tmp_path):
    content = "Nationality,Total\n" + "".join(
        f"Ivoirien côté {i} – Ümlaut,{i}\n" for i in range(40)
    )
    path = write(tmp_path / "cp1252.csv", content, encoding="cp1252")
    batch = run(path, kind="nrm-dtn-nationality", period="2023Q4")
    assert batch.status == ImportBatch.Status.COMPLETED, batch.message
    assert NrmStatistic.objects.filter(nationality="Ivoirien côté 3 – Ümlaut").exists()


def test_undecodable_bytes_are_refused_with_advice(tmp_path):
    path = write(
        tmp_path / "bin.csv", DTN_HEADER.encode() + b"2023,Q1,\x81\x8d\x8f\x90\x9d\xfe\xff\n"
    )
    batch = run(path)
    assert_nothing_written(batch)
    assert "UTF-8" in batch.message and "CSV UTF-8" in batch.message


def test_a_binary_file_is_refused_by_content_not_name(tmp_path):
    path = write(tmp_path / "looks.csv", b"%PDF-1.7\n...")
    batch = run(path)
    assert_nothing_written(batch)
    assert "PDF" in batch.message


def test_an_xlsx_file_imports(tmp_path):
    path = xlsx(
        tmp_path / "dtn.xlsx", [["Year", "Quarter", "Total"], [2023, "Q1", 4], [2023, "Q2", 6.0]]
    )
    batch = run(path)
    assert batch.status == ImportBatch.Status.COMPLETED, batch.message
    assert sorted(NrmStatistic.objects.values_list("value", flat=True)) == [4, 6]


def test_zip_bomb_is_refused_before_reading(tmp_path):
    path = zip_bomb(tmp_path / "bomb.xlsx", megabytes=200)
    assert path.stat().st_size < 2 * 1024 * 1024
    batch = run(path)
    assert_nothing_written(batch)
    assert "out of proportion" in batch.message


def test_archive_with_too_many_entries_is_refused(tmp_path):
    batch = run(many_entries(tmp_path / "many.xlsx"))
    assert_nothing_written(batch)
    assert "parts" in batch.message


def test_a_zip_that_is_not_a_workbook(tmp_path):
    import zipfile

    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    batch = run(path)
    assert "not an Excel" in batch.message


def test_damaged_xlsx(tmp_path):
    batch = run(write(tmp_path / "broken.xlsx", b"PK\x03\x04" + b"\x00" * 100))
    assert_nothing_written(batch)
    assert "damaged" in batch.message


def test_oversize_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024)
    batch = run(write(tmp_path / "big.csv", DTN_HEADER + "2023,Q1,1\n" * 200))
    assert_nothing_written(batch)
    assert "must be smaller than" in batch.message


def test_too_many_rows_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    rows = "".join(f"{2000 + i},Q1,1\n" for i in range(5))
    batch = run(write(tmp_path / "rows.csv", DTN_HEADER + rows))
    assert_nothing_written(batch)
    assert "more than 3 rows" in batch.message


def test_one_quarter_tables_need_a_period(tmp_path):
    batch = run(
        write(tmp_path / "nat.csv", "Nationality,Total\nAlbanian,1\n"), kind="nrm-dtn-nationality"
    )
    assert_nothing_written(batch)
    assert "give the period" in batch.message


def test_a_multibyte_encoding_is_refused_naming_it(tmp_path):
    content = "Nationality,Total\n" + "".join(f"日本人の国籍 {i},{i}\n" for i in range(40))
    path = write(tmp_path / "sjis.csv", content, encoding="shift_jis")
    batch = run(path, kind="nrm-dtn-nationality", period="2023Q4")
    assert_nothing_written(batch)
    assert "not in UTF-8" in batch.message
