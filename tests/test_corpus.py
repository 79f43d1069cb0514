"""Loading, cleaning and segmentation (analysis.corpus)."""
from __future__ import annotations

import hashlib
import re
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Corpus, CorpusError, CorpusWarning, config, load_corpus
from analysis.corpus import load_boilerplate


def _coverage_ok(corpus) -> bool:
    """Every non-blank character is in exactly one paragraph or one removed span."""
    for doc_id, raw in corpus.raw.items():
        owner = [0] * len(raw)
        spans = list(corpus.paragraphs.loc[corpus.paragraphs.doc_id == doc_id, ["start", "end"]].itertuples(index=False))
        spans += list(corpus.removed.loc[corpus.removed.doc_id == doc_id, ["start", "end"]].itertuples(index=False))
        for start, end in spans:
            for i in range(start, end):
                owner[i] += 1
        for i, ch in enumerate(raw):
            if owner[i] > 1 or (not ch.isspace() and owner[i] != 1):
                return False
    return True


def _offsets_ok(corpus) -> bool:
    for table in (corpus.paragraphs, corpus.sentences, corpus.removed):
        for doc_id, start, end, text in table[["doc_id", "start", "end", "text"]].itertuples(index=False):
            if corpus.raw[doc_id][start:end] != text:
                return False
    return True


def test_tiny_documents(tiny_corpus):
    docs = tiny_corpus.documents.set_index("doc_id")
    assert list(docs.index) == ["alpha", "beta", "gamma"]
    assert docs.loc["alpha", "title"] == "Why Quiet Partners Go Silent"
    assert docs.loc["beta", "title"] == "Men are often taught to hide their feelings."
    assert docs.loc["gamma", "title"] == "Pulling Away Is Not the End"
    assert docs.loc["alpha", "author"] == "Sam Rivers"
    assert docs.loc["gamma", "author"] == "Lee Park"
    assert pd.isna(docs.loc["beta", "author"])
    assert docs.loc["beta", "n_sentences"] == 6
    assert docs.loc["beta", "n_paragraphs"] == 3


def test_cleaning_reports_every_removed_span(tiny_corpus):
    removed = tiny_corpus.removed
    alpha = removed[removed.doc_id == "alpha"]
    reasons = dict(zip(alpha.text, alpha.reason))
    assert reasons["Why Quiet Partners Go Silent"] == "title repeat"
    assert reasons["Source link"] == "source link"
    assert reasons["Share this article"] == "share"
    assert reasons["About the Author: Sam Rivers"] == "byline"
    assert reasons["Leave a Reply"] == "comment form"
    assert "Home Privacy Policy Terms Of Use Contact Us" in reasons
    assert set(alpha.loc[alpha.reason == "list marker", "text"]) == {"•", "1."}
    kept = " ".join(tiny_corpus.sentences.text)
    for gone in ("Source link", "Leave a Reply", "Sam Rivers", "Privacy Policy"):
        assert gone not in kept
    assert _coverage_ok(tiny_corpus)


def test_title_kept_once(tiny_corpus):
    alpha = tiny_corpus.sentences[tiny_corpus.sentences.doc_id == "alpha"]
    assert (alpha.text == "Why Quiet Partners Go Silent").sum() == 1


def test_abbreviations_do_not_split(tiny_corpus):
    texts = tiny_corpus.sentences.text.tolist()
    assert ("Dr. Omar Castillo, a family therapist, says silence is often a way to cope, "
            "e.g. after a long day at work.") in texts


def test_headings_and_bullets_are_units(tiny_corpus):
    s = tiny_corpus.sentences
    alpha = s[s.doc_id == "alpha"]
    assert alpha.loc[alpha.text == "What Helps", "is_heading"].item()
    items = ["Give him time to think.", "Ask gentle questions.", "Listen without judging.",
             "Stay calm when he withdraws."]
    assert all(t in alpha.text.tolist() for t in items)
    assert not any(t.startswith(("•", "1.")) for t in alpha.text)
    para = tiny_corpus.paragraphs
    ask = para[para.text == "Ask gentle questions. Listen without judging."]
    assert ask.is_list_item.item()
    # the two sentences of one bullet share its paragraph
    assert alpha[alpha.text.isin(items[1:3])].para_id.nunique() == 1


def test_quote_attribution_stays_with_its_sentence(tiny_corpus):
    s = tiny_corpus.sentences
    row = s[s.text.str.contains("kindest")]
    assert row.text.item() == "“Patience is the kindest answer.” – Dana Whitfield"
    assert not row.is_heading.item()


def test_markdown_heading_and_wrapped_paragraph(tiny_corpus):
    s = tiny_corpus.sentences[tiny_corpus.sentences.doc_id == "gamma"]
    assert s.iloc[0].text == "Pulling Away Is Not the End" and s.iloc[0].is_heading
    wrapped = s[s.text.str.startswith("Stress can make")].text.item()
    assert wrapped.endswith("talk about it.") and "\n" in wrapped


def test_seed_offsets_and_coverage(seeds_corpus):
    assert len(seeds_corpus) == 5
    assert _offsets_ok(seeds_corpus)
    assert _coverage_ok(seeds_corpus)


def test_seed_sentences_never_cross_blocks(seeds_corpus):
    for doc_id, start, end in seeds_corpus.sentences[["doc_id", "start", "end"]].itertuples(index=False):
        assert not re.search(r"\n\s*\n", seeds_corpus.raw[doc_id][start:end])


def test_source_files_unchanged(seeds_copy):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds_copy.iterdir()}
    corpus = load_corpus(seeds_copy)
    corpus.cached("x", lambda: 1)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds_copy.iterdir()}
    assert before == after


def test_seed_files_match_shared_copy():
    shared = config.PROJECT_DIR.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("no ../shared/seeds beside this clone")
    for path in shared.glob("*.txt"):
        assert (config.SEEDS_DIR / path.name).read_bytes() == path.read_bytes()


# --- bad input -------------------------------------------------------------

def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")


def test_folder_without_text_files(tmp_path):
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    with pytest.raises(CorpusError, match=str(tmp_path)):
        load_corpus(tmp_path)


def test_empty_file_warns_or_raises(tiny_dir):
    (tiny_dir / "empty.txt").write_text("  \n\n")
    with pytest.warns(CorpusWarning, match=r"empty\.txt: file is empty"):
        corpus = load_corpus(tiny_dir)
    assert "empty" not in corpus.doc_ids
    with pytest.raises(CorpusError, match=r"empty\.txt"):
        load_corpus(tiny_dir, errors="raise")


def test_binary_file_warns(tiny_dir):
    (tiny_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.warns(CorpusWarning, match=r"image\.txt: file looks binary"):
        corpus = load_corpus(tiny_dir)
    assert len(corpus) == 3


def test_other_encoding_warns_with_file_and_line(tmp_path):
    (tmp_path / "latin.txt").write_bytes("First line.\nMen’s silence — café.\n".encode("cp1252"))
    with pytest.warns(CorpusWarning, match=r"latin\.txt:2: not valid UTF-8.*cp1252"):
        corpus = load_corpus(tmp_path)
    assert "Men’s silence — café." in corpus.sentences.text.tolist()


def test_bom_is_read_silently(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffHe waits. She listens.".encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(tmp_path)
    assert corpus.sentences.text.tolist() == ["He waits.", "She listens."]
    assert _offsets_ok(corpus)


def test_subfolders_only_when_recursive(tiny_dir):
    sub = tiny_dir / "annotations"
    sub.mkdir()
    (sub / "notes.txt").write_text("A note.")
    assert "notes" not in load_corpus(tiny_dir).doc_ids
    assert "annotations/notes" in load_corpus(tiny_dir, recursive=True).doc_ids


def test_crlf_offsets(tmp_path):
    (tmp_path / "win.txt").write_bytes(b"A Heading\r\n\r\nHe waits. She listens.\r\nLeave a Reply\r\n")
    corpus = load_corpus(tmp_path)
    assert _offsets_ok(corpus) and _coverage_ok(corpus)
    assert corpus.sentences.text.tolist() == ["A Heading", "He waits.", "She listens."]


def test_bad_boilerplate_file_names_file_and_line(tmp_path):
    bad = tmp_path / "rules.csv"
    bad.write_text("pattern,reason,scope\n^ok$,fine,line\n(unclosed,broken,line\n")
    with pytest.raises(CorpusError, match=r"rules\.csv:3: invalid pattern"):
        load_boilerplate(str(bad))


# --- DataFrame and CSV sources ---------------------------------------------

def test_from_frame_and_csv(tmp_path):
    df = pd.DataFrame({"id": ["x", "y"], "body": ["Men hide. Women ask.", "Give him space."]})
    corpus = Corpus.from_frame(df, text="body", id="id")
    assert corpus.doc_ids == ["x", "y"] and corpus.documents.n_sentences.tolist() == [2, 1]
    df.rename(columns={"id": "doc_id", "body": "text"}).to_csv(tmp_path / "a.csv", index=False)
    assert load_corpus(tmp_path / "a.csv").doc_ids == ["x", "y"]


def test_from_frame_errors():
    with pytest.raises(CorpusError, match="no text column 'body'"):
        Corpus.from_frame(pd.DataFrame({"text": ["a"]}), text="body")
    with pytest.raises(CorpusError, match="duplicate id 'a'"):
        Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x.", "y."]}))
    with pytest.warns(CorpusWarning, match="row 1"):
        corpus = Corpus.from_frame(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x.", None]}))
    assert corpus.doc_ids == ["a"]


def test_from_frame_and_from_texts_reject_what_they_cannot_read():
    with pytest.raises(CorpusError, match="more than one column named 'text'"):
        Corpus.from_frame(pd.DataFrame([["a", "Hi.", "x"]], columns=["doc_id", "text", "text"]))
    with pytest.raises(CorpusError, match="no id column 'ident'"):
        Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["Hi."]}), id="ident")
    with pytest.raises(TypeError, match="expected a pandas DataFrame of articles, got a list"):
        Corpus.from_frame([{"doc_id": "a", "text": "Hi."}])
    with pytest.raises(ValueError, match="errors must be 'warn' or 'raise'"):
        Corpus.from_frame(pd.DataFrame({"doc_id": ["a"], "text": ["Hi."]}), errors="ignore")
    with pytest.raises(TypeError, match="document id 1 is a int"):
        Corpus.from_texts({1: "Hi."})
    with pytest.raises(TypeError, match="the text of 'a' is a NoneType"):
        Corpus.from_texts({"a": None})
    with pytest.raises(CorpusError, match="no texts"):
        Corpus.from_texts({})


def test_two_files_with_one_stem_are_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Men hide.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Women ask.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"a\.txt: its id 'a' is already the id of .*a\.md"):
        load_corpus(tmp_path)


def test_a_nul_byte_past_the_first_block_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Men hide.\n" * 2000 + b"He\x00 waits.\n")
    with pytest.raises(CorpusError, match=r"a\.txt:2001: a NUL byte"):
        load_corpus(tmp_path / "a.txt", errors="raise")


def test_a_file_of_another_kind_is_read_as_text_with_a_warning(tmp_path):
    (tmp_path / "a.tsv").write_text("doc_id\ttext\na\tMen hide.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"a\.tsv: not a \.txt"):
        assert load_corpus(tmp_path / "a.tsv").doc_ids == ["a"]


def test_heading_markers_are_reported_as_such():
    removed = Corpus.from_texts({"a": "## Why he waits\n\nMen hide.\n\n- A list item\n"}).removed
    assert removed[["text", "reason"]].values.tolist() == [["##", "heading marker"], ["-", "list marker"]]


@pytest.mark.parametrize("ids", [["a", None], ["a", float("nan")], ["a", "  "],
                                 pd.array([1, None], dtype="Int64")])
def test_from_frame_rejects_a_row_without_id(ids):
    with pytest.raises(CorpusError, match="row 1: no id in column 'doc_id'"):
        Corpus.from_frame(pd.DataFrame({"doc_id": ids, "text": ["x.", "y."]}))


def test_cache_is_dropped_when_text_changes(tiny_corpus):
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert tiny_corpus.cached("k", compute) == 1
    assert tiny_corpus.cached("k", compute) == 1
    tiny_corpus.raw["beta"] += " Extra."
    assert tiny_corpus.cached("k", compute) == 2


# --- properties ------------------------------------------------------------

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
_prose = st.lists(st.sampled_from(["Men hide.", "Dr. Lee says so.", "• Wait.", "1. Listen", "\n", "\n\n",
                                   "“Quote.” – Ann Lee", "Source link", "Why He Waits", "e.g. this",
                                   "ok?", "  ", "Leave a Reply", "# Head"]), max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_text, _prose))
def test_any_text_loads_with_valid_offsets(text):
    corpus = Corpus.from_texts({"d": text})
    assert _offsets_ok(corpus)
    assert _coverage_ok(corpus)
    for start, end in corpus.sentences[["start", "end"]].itertuples(index=False):
        assert start < end


def test_attributed_quote_line_with_title_is_not_a_heading():
    corpus = Corpus.from_texts({"q": "Intro line.\n\n“Patience heals every wound.” – Dr. Ikenna Obi\n"})
    row = corpus.sentences[corpus.sentences.text.str.contains("Patience")]
    assert not row.is_heading.item()


def test_numbered_title_case_item_is_a_heading():
    corpus = Corpus.from_texts({"l": "Intro text here.\n\n3. Let Him Have His Quiet Time\n\n"
                                     "- give him room\n\nHe comes back.\n"})
    heads = dict(zip(corpus.sentences.text, corpus.sentences.is_heading))
    assert heads["Let Him Have His Quiet Time"]
    assert not heads["give him room"]


# --- article tables: errors name the file and the line ---------------------

@pytest.mark.parametrize("name, content, message", [
    ("ragged.csv", b"doc_id,text\na,b,c\n", r"ragged\.csv:2: 3 fields where the header has 2"),
    ("dup.csv", b'doc_id,text\na,"x.\ny."\na,z.\n', r"dup\.csv:4: duplicate id 'a' .*first at .*dup\.csv:2"),
    ("head.csv", b"id,body\na,x.\n", r"head\.csv: no text column 'text'"),
    ("noid.csv", b"doc_id,text\na,x.\n,y.\n", r"noid\.csv:3: no id in column 'doc_id'"),
    ("only.csv", b"doc_id,text\n", r"only\.csv: no articles"),
    ("empty.csv", b"", r"empty\.csv: file is empty"),
    ("bin.csv", b"\x00\x01\x02\x03", r"bin\.csv: file looks binary"),
    ("bad.jsonl", b'{"doc_id": "a", "text": "x."}\n{"doc_id": "b", text}\n', r"bad\.jsonl:2: not valid JSON"),
    ("list.jsonl", b'["a", "x."]\n', r"list\.jsonl:1: expected one JSON object per line"),
    ("bad.json", b'{"doc_id": "a",\n "text" "x."}', r"bad\.json:2: not valid JSON"),
    ("scalar.json", b'"just text"', r"scalar\.json: expected a JSON array of objects"),
    ("open.csv", b'doc_id,text\na,"He said hi.\nb,Another text.\n', r"open\.csv:2: not valid CSV"),
    ("stray.csv", b'doc_id,text\na,x.\nb,"He said hi" there.\n', r"stray\.csv:3: not valid CSV"),
    ("deep.jsonl", b"[" * 100_000 + b"\n", r"deep\.jsonl:1: cannot read this JSON \(RecursionError"),
    ("long.jsonl", b'{"doc_id": ' + b"9" * 5000 + b"}\n", r"long\.jsonl:1: cannot read this JSON \(ValueError"),
    ("obj.jsonl", b'{"doc_id": {"x": 1}, "text": "Men hide."}\n', r"obj\.jsonl:1: the id in column 'doc_id' is a dict"),
])
def test_table_errors_name_file_and_line(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path / name)


def test_table_rows_keep_ids_as_written_and_warn_with_the_line(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b'doc_id,text\n007,"Men hide.\nThey wait."\n\n008,\n009,caf\xe9 talk.\n')
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(path)
    messages = [str(w.message) for w in caught]
    assert any("a.csv:5 (id '008'): column 'text' is empty" in m for m in messages)
    assert any("a.csv:6: not valid UTF-8" in m for m in messages)
    assert corpus.doc_ids == ["007", "009"]
    assert corpus.documents["path"].tolist() == [str(path)] * 2
    assert corpus.documents["encoding"].tolist() == ["cp1252"] * 2


def test_json_tables_in_both_layouts(tmp_path):
    df = pd.DataFrame({"doc_id": ["x", "y"], "text": ["Men hide.", "Give him space."]})
    df.to_json(tmp_path / "cols.json")
    df.to_json(tmp_path / "recs.json", orient="records")
    df.to_json(tmp_path / "lines.jsonl", orient="records", lines=True)
    for name in ("cols.json", "recs.json", "lines.jsonl"):
        assert load_corpus(tmp_path / name).doc_ids == ["x", "y"], name
    separator = tmp_path / "sep.jsonl"   # JSON allows U+2028 unescaped inside a string
    separator.write_text('{"doc_id": "a", "text": "Men hide.\u2028He waits."}\r\n', encoding="utf-8")
    assert load_corpus(separator).raw["a"] == "Men hide.\u2028He waits."


def test_csv_holds_long_articles(tmp_path):
    import csv
    limit = csv.field_size_limit()
    long_text = "He goes quiet when work piles up. " * 6000   # about 200 KB, above csv's default limit
    pd.DataFrame({"doc_id": ["long"], "text": [long_text]}).to_csv(tmp_path / "a.csv", index=False)
    assert load_corpus(tmp_path / "a.csv").documents["n_sentences"].tolist() == [6000]
    assert csv.field_size_limit() == limit


def test_utf16_and_utf32_files_with_a_bom_are_read(tmp_path):
    text = "Why he goes quiet\n\nMen are taught to hide their feelings. Give him space.\n"
    for name, enc in (("le", "utf-16"), ("be", "utf-16-be"), ("wide", "utf-32")):
        data = text.encode(enc) if enc != "utf-16-be" else b"\xfe\xff" + text.encode(enc)
        (tmp_path / f"{name}.txt").write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(tmp_path)
    assert corpus.documents["encoding"].tolist() == ["utf-16", "utf-16", "utf-32"]
    assert corpus.documents["n_sentences"].tolist() == [3, 3, 3]
    sent = corpus.sentences.iloc[0]
    assert corpus.raw["be"][sent["start"]:sent["end"]] == sent["text"]
    (tmp_path / "odd.txt").write_bytes(text.encode("utf-16") + b"\x00")   # not UTF-16 after all
    (tmp_path / "junk.txt").write_bytes(b"\xff\xfe\x00\x00\x00\xd8\x00\x00")     # a BOM, then no text
    (tmp_path / "nul.txt").write_bytes(b"\xff\xfe\x00\x00binary")             # UTF-16 with a NUL: not text
    with pytest.warns(CorpusWarning) as caught:
        assert load_corpus(tmp_path).doc_ids == ["be", "le", "wide"]
    skipped = sorted(str(w.message).split("/")[-1] for w in caught)
    assert skipped == [f"{name}.txt: file looks binary, not text; skipped" for name in ("junk", "nul", "odd")]


def test_json_number_ids_are_kept_as_written(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"doc_id": 7, "text": "Men hide."}\n{"doc_id": 7.5, "text": "He waits."}\n', encoding="utf-8")
    assert load_corpus(path).doc_ids == ["7", "7.5"]


def test_other_table_columns_are_kept_in_documents(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,text,outlet,author\na,Men hide.,Daily,Jo\nb,,Weekly,Al\nc,He waits.,Weekly,\n",
                    encoding="utf-8")
    with pytest.warns(CorpusWarning, match="a.csv:3"):
        docs = load_corpus(path).documents
    assert docs[["doc_id", "outlet", "table_author"]].values.tolist() == [["a", "Daily", "Jo"], ["c", "Weekly", ""]]


def test_markdown_front_matter_is_removed_and_gives_the_author():
    corpus = Corpus.from_texts({
        "a": "---\ntitle: Why He Waits\nauthor: Ana Costa\ntags:\n- men\n---\n\nMen hide.\n",
        "b": "---\nAn opening paragraph of prose.\n---\n\nMen hide.\n"})
    removed = corpus.removed
    assert removed.loc[removed.doc_id == "a", "reason"].tolist() == ["front matter"] * 6
    assert "front matter" not in set(removed.loc[removed.doc_id == "b", "reason"])
    assert corpus.documents["author"].tolist()[0] == "Ana Costa"
    assert "An opening paragraph of prose." in corpus.sentences["text"].tolist()


def test_related_links_and_dated_bylines_are_removed():
    corpus = Corpus.from_texts({"a": "Why He Waits\n\nBy Ana Costa | Updated March 3, 2024\n\nMen hide.\n\n"
                                     "Related: How to Talk About Money\n\nRelated research shows men hide.\n"})
    assert corpus.removed[["text", "reason"]].values.tolist() == [
        ["By Ana Costa | Updated March 3, 2024", "byline"], ["Related: How to Talk About Money", "related links"]]
    assert corpus.documents["author"].tolist() == ["Ana Costa"]
