"""Code every sentence with the framing codebook, keeping the evidence.

A cue counts for a code when it is (1) not negated (an odd number of
negators before it in its clause; cues written with ``NOT`` or ending in
``!`` are exempt),
(2) about the right person (``scope``: a fear word whose nearest person is
"you" is not about him; a cue naming the person itself, "give him credit",
is about him; a cue ending in ``!`` names the thing itself and is exempt),
and (3) for remedies, in a directive sentence.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "He is afraid of rejection. You are afraid. Give him space."})
>>> detect_codes(c)[["sent_id", "code"]].values.tolist()
[[0, 'cause.fear'], [2, 'remedy.patience_space']]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .codebook import load_codebook, load_lexicons
from .matching import TokenStream, compile_cues
from .stance import MAN, READER, Features

CUE_COLUMNS = ["doc_id", "sent_id", "start", "end", "code", "cue_start", "cue_end", "surface",
               "cue", "status"]
CODE_COLUMNS = ["doc_id", "sent_id", "start", "end", "code", "evidence"]


def _status(feats: Features, hit, *, scope: str, requires: str) -> str:
    if scope != "any" and not hit.fixed and not feats.names(hit.token, hit.n_tokens, MAN if scope == "man" else READER):
        who = feats.nearest(hit.token, hit.n_tokens)
        if scope == "man" and who == READER:
            return "about_reader"
        if scope == "reader" and who == MAN:
            return "about_man"
    if requires == "directive" and not feats.directive[hit.sent]:
        return "not_directive"
    return "kept"


def _judge(feats: Features, hits: pd.DataFrame, entry, *, exempt: bool, cue: str,
           fixed: bool = False) -> pd.DataFrame:
    hits = hits.assign(fixed=fixed)
    exempt = exempt or fixed
    negated = np.zeros(len(hits), dtype=bool) if exempt else feats.negated(hits["token"].to_numpy())
    status = np.full(len(hits), "negated", dtype=object)
    rest = hits[~negated]
    status[~negated] = [_status(feats, h, scope=entry.scope, requires=entry.requires)
                        for h in rest.itertuples(index=False)]
    hits["status"] = status
    hits["cue"] = cue
    return hits.drop(columns="fixed")


def _entry_hits(stream: TokenStream, feats: Features, entry, lexicons) -> list[pd.DataFrame]:
    parts = []
    fixed = [c for c in entry.cues if c.endswith("!")]
    plain = [c for c in entry.cues if "NOT" not in c.split() and not c.endswith("!")]
    negative = [c for c in entry.cues if "NOT" in c.split() and not c.endswith("!")]
    for cues, exempt, is_fixed in ((plain, False, False), (negative, True, False), (fixed, True, True)):
        if cues:
            parts.append(_judge(feats, stream.find(compile_cues(cues, lexicons)), entry,
                                exempt=exempt, cue="word", fixed=is_fixed))
    for pattern in entry.patterns:
        groups = []
        for alts in pattern:
            exempt = any("NOT" in a.split() or a.endswith("!") for a in alts)
            groups.append(_judge(feats, stream.find(compile_cues(alts, lexicons)), entry,
                                 exempt=exempt, cue="pattern"))
        shared = set.intersection(*(set(g.loc[g["status"] == "kept", "sent"]) for g in groups))
        parts += [g[g["sent"].isin(shared)] for g in groups]
    return parts


def _detect_cues(corpus, codebook) -> pd.DataFrame:
    sents = corpus.sentences.reset_index(drop=True)
    lexicons = load_lexicons()
    stream = TokenStream(sents)
    feats = Features(stream, lexicons)
    frames = []
    for entry in codebook.itertuples(index=False):
        for part in _entry_hits(stream, feats, entry, lexicons):
            if len(part):
                frames.append(part.assign(code=entry.code))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CUE_COLUMNS})
    hits = pd.concat(frames, ignore_index=True).drop_duplicates(["sent", "code", "start", "end"])
    rows = sents.loc[hits["sent"].to_numpy(), ["doc_id", "sent_id", "start", "end"]].reset_index(drop=True)
    out = pd.concat([rows, hits.drop(columns=["sent", "start", "end", "token", "n_tokens"])
                     .reset_index(drop=True)], axis=1)
    out["cue_start"], out["cue_end"] = hits["start"].to_numpy(), hits["end"].to_numpy()
    return out[CUE_COLUMNS].sort_values(["doc_id", "sent_id", "code", "cue_start"],
                                        kind="stable").reset_index(drop=True)


def detect_cues(corpus, codebook=None) -> pd.DataFrame:
    """Every cue hit, kept or not, with the reason it was dropped.

    Parameters
    ----------
    corpus : Corpus
    codebook : DataFrame or path, optional
        From :func:`load_codebook` (default: ``config.CODEBOOK_PATH``).

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end`` (the sentence), ``code``,
        ``cue_start``, ``cue_end`` (raw offsets of the cue), ``surface``,
        ``cue`` ("word" or "pattern"), ``status`` ("kept", "negated",
        "about_reader", "about_man", "not_directive").

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "He is not afraid."})
    >>> detect_cues(c)[["surface", "status"]].values.tolist()
    [['afraid', 'negated']]
    """
    book = _as_codebook(codebook)
    key = ("detect_cues", tuple(book["code"]), tuple(map(str, book["cues"])),
           tuple(map(str, book["patterns"])), tuple(book["scope"]), tuple(book["requires"]))
    return corpus.cached(key, lambda: _detect_cues(corpus, book)).copy()


def _as_codebook(codebook) -> pd.DataFrame:
    if codebook is None or not isinstance(codebook, pd.DataFrame):
        return load_codebook(codebook)
    return codebook


def detect_codes(corpus, codebook=None, *, model: str = "hybrid") -> pd.DataFrame:
    """Framing codes of every sentence, one row per sentence and code.

    Parameters
    ----------
    corpus : Corpus
    codebook : DataFrame or path, optional
        From :func:`load_codebook` (default: ``config.CODEBOOK_PATH``).
    model : {"rules", "hybrid"}
        ``"rules"``: the codebook's cues with their negation, scope and
        directive checks, nothing else. ``"hybrid"`` (default): the rules,
        and a sentence also gets a code when the per-code classifier of
        :mod:`analysis.framing.learn` (trained on the hand-coded articles
        of ``config.FRAMING_TRAIN_DIRS``) passes its cross-validated
        threshold, unless a cue of that code was dropped there as negated
        or about the wrong person; its evidence then reads
        ``p=0.81: <top-weighted terms with their spans>``: words of the
        sentence, or of the sentence before (spans before ``start``), as
        ``surface [start:end]``, and features that are not words as their
        name with the span of the sentence they come from
        (``prev:cause.fear [s:e]``: a cue of the code in the sentence
        before; ``next:``, the sentence after; ``stance:imperative``, this
        sentence). A rule's code is
        withdrawn from a sentence where the classifier's probability falls
        below the code's cross-validated veto level (see
        :meth:`~analysis.framing.learn.CodeModel.vetoes`), unless that
        would take the code away from the whole article.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``start``, ``end`` (sentence offsets in the
        raw text), ``code``, ``evidence`` (the cues that fired, as
        ``surface [cue_start:cue_end]`` joined by `` | ``). Sorted by
        document, sentence and code.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "It's not your fault."})
    >>> detect_codes(c)[["code", "evidence"]].values.tolist()
    [['eval.not_about_you', 'not your fault [5:19]']]
    """
    cues = detect_cues(corpus, codebook)
    kept = cues[cues["status"] == "kept"]
    evidence = kept["surface"] + " [" + kept["cue_start"].astype(str) + ":" + kept["cue_end"].astype(str) + "]"
    out = (kept.assign(evidence=evidence)
           .groupby(["doc_id", "sent_id", "start", "end", "code"], sort=True)["evidence"]
           .agg(" | ".join).reset_index())[CODE_COLUMNS]
    if model == "hybrid":
        from .learn import fit_code_model

        fitted = fit_code_model(codebook)
        out = add_decisions(out, *corpus.cached(("code_model", id(fitted)), lambda: fitted.apply(corpus)))
    elif model != "rules":
        raise ValueError(f"model must be 'rules' or 'hybrid', got {model!r}")
    return out[CODE_COLUMNS].reset_index(drop=True)


def add_decisions(rules: pd.DataFrame, extra: pd.DataFrame, vetoed: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rules' codes plus the classifiers' (:meth:`CodeModel.decisions`) where the rules gave none,
    less the rule codes the classifiers veto (:meth:`CodeModel.vetoes`, ``doc_id``, ``sent_id``,
    ``code``, ``p``).

    A veto withdraws a code from a sentence, never from an article: when it
    would leave an article without a code that the rules found there, the
    vetoed sentence with the highest probability keeps it.

    Examples
    --------
    >>> r = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "start": [0], "end": [5],
    ...                   "code": ["x"], "evidence": ["cue [0:3]"]})
    >>> e = r.assign(code=["x"], evidence=["p=0.90: cue [0:3]"])
    >>> add_decisions(r, pd.concat([e, e.assign(code="y")]))["code"].tolist()
    ['x', 'y']
    >>> two = pd.concat([r, r.assign(sent_id=1, start=6, end=9)], ignore_index=True)
    >>> veto = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "code": ["x", "x"], "p": [0.1, 0.2]})
    >>> add_decisions(two, e.iloc[:0], veto[:1])["sent_id"].tolist()  # sentence 0 loses x
    [1]
    >>> add_decisions(two, e.iloc[:0], veto)["sent_id"].tolist()      # the article keeps x
    [1]
    """
    keys = ["doc_id", "sent_id", "code"]
    extra = extra[~extra.set_index(keys).index.isin(rules.set_index(keys).index)]
    out = pd.concat([rules, extra], ignore_index=True).sort_values(keys, kind="stable")
    if vetoed is not None and len(vetoed):
        index = out.set_index(keys).index
        hit = index.isin(vetoed.set_index(keys).index)
        left = pd.MultiIndex.from_frame(out.loc[~hit, ["doc_id", "code"]])
        lone = out[hit].merge(vetoed[[*keys, "p"]], on=keys)
        lone = lone[~pd.MultiIndex.from_frame(lone[["doc_id", "code"]]).isin(left)]
        spare = (lone.assign(q=-lone["p"]).sort_values(["doc_id", "code", "q", "sent_id"], kind="stable")
                 .drop_duplicates(["doc_id", "code"]))
        out = out[~hit | index.isin(spare.set_index(keys).index)]
    return out[CODE_COLUMNS].reset_index(drop=True)


def code_matrix(codes: pd.DataFrame, sentences: pd.DataFrame, code_names) -> pd.DataFrame:
    """Wide boolean table: one row per sentence of ``sentences``, one column per code.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1]})
    >>> c = pd.DataFrame({"doc_id": ["a"], "sent_id": [1], "code": ["x"]})
    >>> code_matrix(c, s, ["x", "y"])[["x", "y"]].values.tolist()
    [[False, False], [True, False]]
    """
    keys = sentences[["doc_id", "sent_id"]].reset_index(drop=True)
    wide = pd.crosstab([codes["doc_id"], codes["sent_id"]], codes["code"]).clip(upper=1).astype(bool)
    wide = wide.reindex(columns=list(code_names), fill_value=False)
    merged = keys.merge(wide.reset_index(), on=["doc_id", "sent_id"], how="left")
    merged[list(code_names)] = merged[list(code_names)].fillna(False).astype(bool)
    return merged


def code_examples(corpus, codes, *, per_doc: int = 1, code_names=None) -> pd.DataFrame:
    """Example sentences of each code with the cues that fired, ``per_doc`` per article.

    Returns
    -------
    DataFrame
        ``code``, ``doc_id``, ``sent_id``, ``text``, ``evidence``; the first
        ``per_doc`` sentences of each article for each code (sorted).

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "He is afraid. He fears failure."})
    >>> code_examples(c, detect_codes(c))["text"].tolist()
    ['He is afraid.']
    """
    rows = codes if code_names is None else codes[codes["code"].isin(list(code_names))]
    rows = rows.sort_values(["code", "doc_id", "sent_id"]).groupby(["code", "doc_id"]).head(per_doc)
    text = corpus.sentences[["doc_id", "sent_id", "text"]]
    out = rows.merge(text, on=["doc_id", "sent_id"], how="left")
    return out[["code", "doc_id", "sent_id", "text", "evidence"]].reset_index(drop=True)
