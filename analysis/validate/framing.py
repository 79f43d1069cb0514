"""Agreement of :func:`analysis.framing.detect_codes` with the hand coding of ``frames.csv``.

Gold and predicted sentences are matched by ``doc_id`` and span overlap (at
least half of the shorter span), not by ``sent_id``, so the hand coding
stays valid when segmentation changes slightly.

Examples
--------
>>> import pandas as pd
>>> gold = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 10], "end": [9, 20],
...                      "codes": [("cause.fear",), ()]})
>>> pred = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [9], "code": ["cause.fear"]})
>>> t = frame_agreement(pred, gold, ["cause.fear"])
>>> t.loc[t["code"] == "cause.fear", "f1"].item()
1.0
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..datafiles import read_csv, span_offsets
from .metrics import cohen_kappa, krippendorff_alpha, prf

GOLD_COLUMNS = ["doc_id", "start", "end", "codes"]
TABLE_COLUMNS = ["code", "n_gold", "n_predicted", "tp", "precision", "recall", "f1", "kappa",
                 "doc_agreement", "doc_precision", "doc_recall", "doc_f1", "recode_alpha"]


def read_frames(path, *, codes=None) -> pd.DataFrame:
    """Read a hand-coded ``frames.csv``: ``doc_id``, ``start``, ``end``, ``codes`` (tuple).

    ``codes`` (optional) lists the known codes; an unknown code, a missing
    column or a non-integer offset raises ``ValueError`` naming file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
    >>> _ = p.write_text("doc_id,start,end,codes\\na,0,5,x;y\\n")
    >>> read_frames(p)["codes"].tolist()
    [('x', 'y')]
    """
    path = Path(path)
    known = set(codes) if codes is not None else None
    rows = []
    for line, raw in read_csv(path, required=GOLD_COLUMNS):
        start, end = span_offsets(raw, path, line)
        found = tuple(sorted({c.strip() for c in (raw["codes"] or "").split(";") if c.strip()}))
        bad = [c for c in found if known is not None and c not in known]
        if bad:
            raise ValueError(f"{path}:{line}: unknown code(s) {bad}")
        rows.append((raw["doc_id"], start, end, found))
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)


def align(predicted: pd.DataFrame, gold: pd.DataFrame, *, min_overlap: float = 0.5) -> pd.Series:
    """Predicted codes of every gold sentence (a Series of sets, aligned to ``gold``)."""
    g = gold[["doc_id", "start", "end"]].reset_index().rename(columns={"index": "row"})
    p = predicted[["doc_id", "start", "end", "code"]]
    m = g.merge(p, on="doc_id", suffixes=("", "_p"))
    inter = np.minimum(m["end"], m["end_p"]) - np.maximum(m["start"], m["start_p"])
    shorter = np.minimum(m["end"] - m["start"], m["end_p"] - m["start_p"]).clip(lower=1)
    m = m[(inter.clip(lower=0) / shorter) >= min_overlap]
    sets = m.groupby("row")["code"].agg(set)
    return pd.Series([sets.get(i, set()) for i in range(len(gold))], index=gold.index)


def _matrix(sets, code_names) -> np.ndarray:
    return np.array([[c in s for c in code_names] for s in sets], dtype=bool).reshape(len(sets), len(code_names))


def _rates(pred: np.ndarray, gold: np.ndarray) -> dict:
    tp = int((pred & gold).sum())
    fp, fn = int(pred.sum()) - tp, int(gold.sum()) - tp
    if tp + fp + fn == 0:
        return {"tp": 0, "precision": np.nan, "recall": np.nan, "f1": np.nan}
    return {"tp": tp, **prf(tp, fp, fn)}


def frame_agreement(predicted, gold, code_names, *, recode=None) -> pd.DataFrame:
    """Per-code agreement table of predicted codes against gold sentences (see :func:`validate_frames`)."""
    code_names = list(code_names)
    pm, gm = _matrix(align(predicted, gold), code_names), _matrix(gold["codes"].map(set), code_names)
    docs = gold["doc_id"].to_numpy()
    pdoc = pd.DataFrame(pm, columns=code_names).groupby(docs).any().to_numpy()
    gdoc = pd.DataFrame(gm, columns=code_names).groupby(docs).any().to_numpy()
    alphas = _recode_alphas(gold, recode, code_names) if recode is not None else {}
    rows = []
    for j, code in enumerate(code_names):
        doc = _rates(pdoc[:, j], gdoc[:, j])
        rows.append({"code": code, "n_gold": int(gm[:, j].sum()), "n_predicted": int(pm[:, j].sum()),
                     **_rates(pm[:, j], gm[:, j]), "kappa": cohen_kappa(pm[:, j], gm[:, j]),
                     "doc_agreement": round(float((pdoc[:, j] == gdoc[:, j]).mean()), 4),
                     "doc_precision": doc["precision"], "doc_recall": doc["recall"],
                     "doc_f1": doc["f1"], "recode_alpha": alphas.get(code, np.nan)})
    table = pd.DataFrame(rows)
    macro = {"code": "macro", "n_gold": int(gm.sum()), "n_predicted": int(pm.sum()),
             "tp": int((pm & gm).sum()), "kappa": cohen_kappa(pm.ravel(), gm.ravel()),
             "doc_agreement": round(float((pdoc == gdoc).mean()), 4),
             "recode_alpha": alphas.get("overall", np.nan)}
    for col in ("precision", "recall", "f1", "doc_precision", "doc_recall", "doc_f1"):
        macro[col] = round(float(np.nanmean(table[col])), 4) if table[col].notna().any() else np.nan
    return pd.concat([table, pd.DataFrame([macro])], ignore_index=True)[TABLE_COLUMNS]


def _recode_alphas(gold, recode, code_names) -> dict:
    second = align(recode.explode("codes").dropna().rename(columns={"codes": "code"}), gold)
    mask = align(recode.assign(code="_coded"), gold).map(bool).to_numpy()
    first = gold["codes"].map(set)
    out = {}
    for code in code_names + ["overall"]:
        names = code_names if code == "overall" else [code]
        rows = [(f"{i}:{c}", k, c in s) for i in np.flatnonzero(mask) for c in names
                for k, s in (("first", first.iloc[i]), ("second", second.iloc[i]))]
        units = pd.DataFrame(rows, columns=["unit", "coder", "value"])
        out[code] = krippendorff_alpha(units) if len(units) else np.nan
    return out


def validate_frames(codes, gold_path=None, *, recode_path=None, codebook=None) -> pd.DataFrame:
    """Agreement of detected codes with the hand coding, one row per code plus ``macro``.

    Parameters
    ----------
    codes : DataFrame
        From :func:`analysis.framing.detect_codes` (``doc_id``, ``start``, ``end``, ``code``).
    gold_path : path, optional
        Hand coding (default ``seeds/annotations/frames.csv``).
    recode_path : path, optional
        Second coding pass of a sample (default ``frames_recode.csv`` next to
        ``gold_path``); when it exists, ``recode_alpha`` is Krippendorff's
        alpha between the two passes (per code, and over all cells on ``macro``).
    codebook : DataFrame, optional
        The codes to score (default: the default codebook).

    Returns
    -------
    DataFrame
        ``code``, ``n_gold``, ``n_predicted``, ``tp``, ``precision``,
        ``recall``, ``f1``, ``kappa`` (sentence level), ``doc_agreement``,
        ``doc_precision``, ``doc_recall``, ``doc_f1`` (article x code
        presence), ``recode_alpha``. The ``macro`` row holds the means of
        per-code P/R/F1 (codes absent from both sides are left out), Cohen's
        kappa pooled over all sentence x code cells and the share of agreeing
        article x code cells. Only articles in the hand coding are scored.

    Examples
    --------
    >>> from analysis import load_corpus
    >>> from analysis.framing import detect_codes
    >>> table = validate_frames(detect_codes(load_corpus()))   # doctest: +SKIP
    """
    from ..framing import load_codebook
    book = load_codebook() if codebook is None else codebook
    gold_path = Path(gold_path or config.ANNOTATIONS_DIR / "frames.csv")
    names = list(book["code"])
    gold = read_frames(gold_path, codes=names)
    recode_path = Path(recode_path or gold_path.with_name(gold_path.stem + "_recode.csv"))
    recode = read_frames(recode_path, codes=names) if recode_path.exists() else None
    predicted = codes[codes["doc_id"].isin(set(gold["doc_id"]))]
    return frame_agreement(predicted, gold, names, recode=recode)


#: Cue statuses each check drops (see :func:`analysis.framing.detect_cues`).
CHECKS = {"negation": ("negated",), "scope": ("about_reader", "about_man"),
          "directive": ("not_directive",)}


def check_ablation(cues: pd.DataFrame, gold_path=None, *, codebook=None) -> pd.DataFrame:
    """What each check (negation, scope, directive) is worth against the hand coding.

    Scores the codes kept with all checks, then with each check switched off
    (its dropped cues counted again), then with none. Pattern hits count as
    single cues here.

    Returns
    -------
    DataFrame
        ``checks`` ("all", "no negation", "no scope", "no directive", "none"),
        ``precision``, ``recall``, ``f1`` (macro), ``kappa``, ``doc_agreement``, ``doc_f1``.
    """
    variants = {"all": ()} | {f"no {k}": v for k, v in CHECKS.items()}
    variants["none"] = tuple(s for v in CHECKS.values() for s in v)
    rows = []
    for name, extra in variants.items():
        kept = cues[cues["status"].isin(("kept",) + extra)].drop_duplicates(["doc_id", "sent_id", "code"])
        macro = validate_frames(kept, gold_path, codebook=codebook).iloc[-1]
        rows.append({"checks": name, **{k: macro[k] for k in ("precision", "recall", "f1", "kappa",
                                                               "doc_agreement", "doc_f1")}})
    return pd.DataFrame(rows)


def set_cross_validation(dirs=None, *, held_out=None, codebook=None) -> pd.DataFrame:
    """Leave one hand-coded set out: the rules, and the classifiers fitted without that set.

    For each folder of ``held_out`` (default: every folder of ``dirs``,
    which defaults to ``config.FRAMING_TRAIN_DIRS``; each folder holds its
    ``frames.csv``), the per-code classifiers are fitted on the other
    folders of ``dirs`` and both models are scored on the folder left out:
    an estimate of how the default model does on articles it has not seen.

    The result is kept in the disk cache (:mod:`analysis.cache`), keyed by
    the package, the folders' files and the codebook: the first call fits one
    model per held-out folder (minutes), later calls read it back.

    Returns
    -------
    DataFrame
        ``set``, ``model`` ("rules", "hybrid"), ``n_docs``, ``n_gold``,
        ``precision``, ``recall``, ``f1`` (macro), ``kappa``,
        ``doc_agreement``, ``doc_f1``; then a ``mean`` row per model.
    """
    from ..cache import cached
    from ..framing.detect import _as_codebook

    book = _as_codebook(codebook)
    dirs = [Path(d).resolve() for d in (dirs or config.FRAMING_TRAIN_DIRS)]
    held_out = [Path(d).resolve() for d in (held_out or dirs)]
    params = ([str(d) for d in dirs], [str(d) for d in held_out], book.to_dict("list"))
    return cached("set_cross_validation", params, lambda: _set_cross_validation(dirs, held_out, book),
                  paths=sorted(set(dirs) | set(held_out)))


def _set_cross_validation(dirs, held_out, book) -> pd.DataFrame:
    from ..corpus import load_corpus
    from ..framing import detect_codes
    from ..framing.detect import add_decisions
    from ..framing.learn import fold_models

    cols = ["n_gold", "precision", "recall", "f1", "kappa", "doc_agreement", "doc_f1"]
    rows = []
    for folder, fitted in fold_models(dirs, held_out, book):
        corpus = load_corpus(folder)
        rules = detect_codes(corpus, book, model="rules")
        for name, codes in (("rules", rules), ("hybrid", add_decisions(rules, *fitted.apply(corpus)))):
            macro = validate_frames(codes, folder / "frames.csv", codebook=book).iloc[-1]
            rows.append({"set": folder.name, "model": name, "n_docs": len(corpus.doc_ids),
                         **{k: macro[k] for k in cols}})
    out = pd.DataFrame(rows)
    means = out.groupby("model", sort=False)[cols[1:]].mean().round(4).reset_index().assign(set="mean")
    out = pd.concat([out, means], ignore_index=True)[["set", "model", "n_docs", *cols]]
    return out.astype({"n_docs": "Int64", "n_gold": "Int64"})
