"""NLTK tokenization without downloaded data (analysis.tokens)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from analysis.tokens import Analyzer, make_vectorizer, normalize_quotes, sentence_spans, stop_words, tokenize, word_spans


def _split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text", [
    "Dr. Ann Lee agrees with him.",
    "Mr. and Mrs. Diaz went to see Prof. Kahn together.",
    "Sam Ortiz, LCSW. explains the pattern to clients.",
    "Some cues, e.g. silence, matter; i.e. they signal stress.",
    "Men, women, children, etc. all need rest at times.",
])
def test_abbreviations_do_not_split(text):
    assert _split(text) == [text]


def test_sentences_split_and_trim():
    assert _split("  He waits.  She asks why? They talk!  ") == ["He waits.", "She asks why?", "They talk!"]


def test_attribution_joins_its_quote():
    assert _split("“Time heals.” – Mara Quinn. Then more.") == ["“Time heals.” – Mara Quinn.", "Then more."]
    assert _split('"Give space." (Ravi Menon) He nods.') == ['"Give space." (Ravi Menon)', "He nods."]


def test_quote_inside_sentence_is_not_split():
    text = "Rather than asking, “Why won’t you say anything?”, try a softer question."
    assert _split(text) == [text]


def test_normalize_quotes_keeps_length():
    text = "Men’s ‘quiet’ “no”"
    assert normalize_quotes(text) == "Men's 'quiet' \"no\"" and len(normalize_quotes(text)) == len(text)


def test_word_spans_handle_curly_apostrophes():
    text = "Men aren’t cold."
    assert [text[a:b] for a, b in word_spans(text)] == ["Men", "are", "n’t", "cold", "."]


def test_analyzer_stems_stops_and_display():
    analyzer = Analyzer()
    assert analyzer("The men’s withdrawal; men aren’t withdrawing.") == ["men", "withdraw", "men", "withdraw"]
    assert analyzer.display("withdraw") in {"withdrawal", "withdrawing"}
    assert analyzer.display("men") == "men"


def test_analyzer_display_prefers_most_frequent_surface():
    analyzer = Analyzer()
    analyzer("feelings feelings feeling")
    assert analyzer.display("feel") == "feelings"


def test_stop_words_are_overridable():
    assert "the" in stop_words() and "aren't" in stop_words()
    assert stop_words(["silence"]) >= {"silence", "the"}
    assert stop_words(["only"], replace=True) == frozenset({"only"})
    assert Analyzer(stop=[])("the men") == ["the", "men"]


def test_analyzer_in_vectorizers():
    texts = ["Men withdraw under stress.", "Stress makes men withdraw.", "Listen without judging."]
    vec = make_vectorizer("count", min_df=2)
    vec.fit(texts)
    assert sorted(vec.get_feature_names_out()) == ["men", "stress", "withdraw"]
    bigrams = CountVectorizer(analyzer=Analyzer(ngram_range=(1, 2))).fit(texts)
    assert "men withdraw" in bigrams.vocabulary_


def test_tokenize_table(tiny_corpus):
    tokens = tokenize(tiny_corpus)
    assert list(tokens.columns[:5]) == ["doc_id", "sent_id", "token_id", "start", "end"]
    for doc_id, start, end, token in tokens[["doc_id", "start", "end", "token"]].itertuples(index=False):
        assert tiny_corpus.raw[doc_id][start:end] == token


_SCRIPT = """
import json
from analysis import load_corpus, tokenize
from analysis.tokens import Analyzer
c = load_corpus()
t = tokenize(c)
print(json.dumps([c.sentences.text.tolist(), t.stem.tolist(), Analyzer()(" ".join(c.sentences.text))]))
"""


def test_identical_without_nltk_data(tmp_path):
    """Results do not depend on nltk_data: compare a run with an empty HOME and NLTK_DATA."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "NLTK_DATA": str(home / "nltk_data")}
    clean = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True)
    here = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True)
    assert json.loads(clean.stdout) == json.loads(here.stdout)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_tokens_come_from_the_text(text):
    for a, b in sentence_spans(text):
        assert 0 <= a < b <= len(text) and text[a:b].strip() == text[a:b]
    for a, b in word_spans(text):
        assert 0 <= a <= b <= len(text)
    low = normalize_quotes(text).lower()
    for word in Analyzer(stem=False)(text):
        assert word in low


def test_initials_do_not_split_a_name():
    assert _split("Men hide, writes J.R. Haverford. He is right.") == [
        "Men hide, writes J.R. Haverford.", "He is right."]


def test_lower_case_word_after_a_dotted_abbreviation_continues():
    assert _split("He texts at 2 a.m. when the house is quiet. Then he sleeps.") == [
        "He texts at 2 a.m. when the house is quiet.", "Then he sleeps."]
    assert _split("They met at 6 p.m. He was late.") == ["They met at 6 p.m.", "He was late."]


def test_no_ends_a_sentence_unless_a_number_follows():
    assert _split("The answer is no. He is tired.") == ["The answer is no.", "He is tired."]
    assert _split("Tip No. 4 is rest. Then talk.") == ["Tip No. 4 is rest.", "Then talk."]


def test_attribution_with_a_title():
    assert _split("“Time heals all.” – Dr. Ikenna Obi. Next.") == ["“Time heals all.” – Dr. Ikenna Obi.", "Next."]


@pytest.mark.parametrize("text", [
    "He’s withdrawn; 3.5 hours, 1,000 times, e.g. at work_place.",
    "end.Next abc123 x2 ²nd don't o'clock 'quoted' “Curly” rock’n’roll",
    "Émotions déçues — naïve café, ÉTÉ. İstanbul Straße", "", "   ",
])
def test_analyzer_keeps_only_words_of_the_text(text):
    low = normalize_quotes(text).lower()
    for word in Analyzer(stem=False, stop=[])(text):
        assert not any(ch.isdecimal() or ch == "_" for ch in word)
        assert word in low


def test_analyzer_pickles_with_its_memo():
    import pickle
    analyzer = Analyzer()
    analyzer("Men withdraw; withdrawing men.")
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone("Withdrawal.") == analyzer("Withdrawal.") and clone.display("men") == "men"


def test_markdown_emphasis_neither_hides_nor_starts_a_sentence():
    text = "**Take a break when it gets heated.** Agree to come back. *Stay calm.* Then talk. 3 * 4 = 12."
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["Take a break when it gets heated.", "Agree to come back.", "Stay calm.",
                     "Then talk.", "3 * 4 = 12."]
