"""The readers of user-written data files (codebooks, lexicons, hand codings): errors name the file and line."""
from __future__ import annotations

import pytest

from analysis.datafiles import read_csv
from analysis.framing import CodebookError, load_codebook
from analysis.framing.codebook import load_lexicons
from analysis.validate.claims import load_gold_claims
from analysis.validate.framing import read_frames
from analysis.validate.sources import read_gold

BOOK = "code,function,scope,requires,definition,cues,patterns\n"
FRAMES = "doc_id,start,end,codes\n"
CLAIMS = "claim_id,statement,doc_id,start,end,text\n"
SOURCES = "doc_id,start,end,surface,source,kind,role,attribution\n"

#: (reader, header, a good row, the same row with the offsets in {start} and {end})
READERS = {
    "codebook": (load_codebook, BOOK, "cause.a,cause,any,,d,afraid,\n", None),
    "lexicons": (load_lexicons, "lexicon,term\n", "man,he\n", None),
    "frames": (read_frames, FRAMES, "a,0,5,\n", "a,{start},{end},\n"),
    "claims": (load_gold_claims, CLAIMS, "C1,x,a,0,5,t\n", "C1,x,a,{start},{end},t\n"),
    "sources": (read_gold, SOURCES, "a,0,5,Jo Roe,Jo Roe,person,,quote\n",
                "a,{start},{end},Jo Roe,Jo Roe,person,,quote\n"),
}


def _read(tmp_path, name, data: bytes):
    reader = READERS[name][0]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    return reader(path)


@pytest.mark.parametrize("name", READERS)
def test_a_byte_order_mark_is_read(tmp_path, name):
    _, header, good, _ = READERS[name]
    _read(tmp_path, name, ("\ufeff" + header + good).encode("utf-8"))


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize("problem, row, message", [
    ("not UTF-8", None, r":2: not UTF-8 text \(byte 0xe9"),
    ("stray quote", '"x"y,1\n', r":3: "),
    ("extra field", None, r":3: more fields than the header"),
])
def test_malformed_files_name_the_file_and_line(tmp_path, name, problem, row, message):
    _, header, good, _ = READERS[name]
    if problem == "not UTF-8":
        data = header.encode() + good.replace("a", "\xe9", 1).encode("latin-1")
    elif problem == "extra field":
        data = (header + good + good.rstrip("\n") + ",extra\n").encode()
    else:
        data = (header + good + row).encode()
    with pytest.raises(ValueError, match=rf"{name}\.csv{message}"):
        _read(tmp_path, name, data)


@pytest.mark.parametrize("name", ["frames", "claims", "sources"])
@pytest.mark.parametrize("start, end, message", [
    ("9", "3", "start 9 must be below end 3"), ("4", "4", "start 4 must be below end 4"),
    ("-3", "5", "start -3 is negative"), ("0", "5.7", "start/end must be integers"),
])
def test_offsets_must_be_a_span(tmp_path, name, start, end, message):
    _, header, good, template = READERS[name]
    data = header + good + template.format(start=start, end=end)
    with pytest.raises(ValueError, match=rf"{name}\.csv:3: {message}"):
        _read(tmp_path, name, data.encode())


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(CodebookError, match="is a folder, not a file"):
        load_codebook(tmp_path)


def test_read_csv_skips_comment_rows_only_when_asked(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n# a note,\n1,2\n", encoding="utf-8")
    assert [line for line, _ in read_csv(path, comments=True)] == [3]
    assert [row["a"] for _, row in read_csv(path)] == ["# a note", "1"]


@pytest.mark.parametrize("cues, patterns, message", [
    ("***", "", r"invalid cue .\*\*\*."),
    ("afraid;;scared", "", "empty cue"),
    ("afraid", "a||b + c", "empty cue"),
])
def test_codebook_cues_that_match_everything_or_nothing(tmp_path, cues, patterns, message):
    path = tmp_path / "book.csv"
    path.write_text(BOOK + f"cause.a,cause,any,,d,{cues},{patterns}\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=rf"book\.csv:2: .*{message}"):
        load_codebook(path)


def test_a_trailing_separator_and_comment_rows_are_fine(tmp_path):
    path = tmp_path / "book.csv"
    path.write_text(BOOK + "# causes\ncause.a,cause,any,,d,afraid;scared;,\n", encoding="utf-8")
    assert load_codebook(path)["cues"].tolist() == [("afraid", "scared")]


def test_yaml_key_given_twice_is_an_error(tmp_path):
    path = tmp_path / "d.yml"
    path.write_text("cause:\n  fear: [afraid]\ncause:\n  fear: [scared]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"d\.yml:3: key 'cause' already defined on line 1"):
        load_codebook(path)


def test_yaml_not_utf8_names_the_file(tmp_path):
    path = tmp_path / "d.yml"
    path.write_bytes("cause:\n  fear: [caf\xe9]\n".encode("latin-1"))
    with pytest.raises(CodebookError, match=r"d\.yml:2: not UTF-8"):
        load_codebook(path)
