"""A supervised layer over the cue rules: one logistic regression per code.

Each sentence becomes a sparse row of binary features: its stem unigrams and
bigrams, the codebook cues that hit it (kept, or dropped by a check), the
codes the rules gave the sentences before and after it
(:mod:`analysis.framing.features`), the stems of the
sentence before it (at half weight: "Honestly, it rarely is." takes its
subject from there), and its stance (second person, generic men or women,
imperative, directive, question, hedge, booster, obligation). One
``LogisticRegression`` per code (``class_weight="balanced"``) is fitted on
hand-coded folders (by default the 132 invented, hand-coded articles shipped
with the package, ``config.FRAMING_TRAIN_DIRS``). Two probability levels of
each code are chosen by cross-validation on the same folders (ten folds of
whole folders, so that every level is chosen on articles of hand-coded sets
the fold's model never saw, as the articles it will code are; of whole
articles when there is one folder): the threshold
and the veto level that maximise the
out-of-fold F1 of "(rule fires AND probability reaches the veto level) OR
probability passes the threshold". The threshold is none at all when no
classifier addition helps, the veto level 0 when no veto helps, and the veto
level never exceeds the threshold. A veto withdraws a rule's code from a
sentence, not from an article (:func:`analysis.framing.detect.add_decisions`). The classifier never adds a code where a cue
of that code was dropped as negated or as about the wrong person: the
rules' negation and scope checks bind it too. A code whose training
sentences are too few is left to the rules. The codes are fitted in worker
processes (``config.N_JOBS``), each with a fixed seed and single-threaded
BLAS, so the model is the same on any machine and for any number of workers.

Examples
--------
>>> from analysis import Corpus
>>> model = fit_code_model()
>>> probs = model.predict_proba(Corpus.from_texts({"a": "He is scared of being judged."}))
>>> bool(probs.loc[0, "cause.fear"] > 0.5)
True
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .. import config
from ..tokens import Analyzer, lower_keep_length, normalize_quotes
from .features import features, within_doc_shift

_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
THRESHOLDS = tuple(np.round(np.arange(0.30, 0.96, 0.05), 2))
#: Candidate veto levels: a rule decision is withdrawn where the probability is below it (0: never).
VETOES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
MIN_POSITIVES = 5
#: Folds (of whole training folders, or of articles) of the cross-validation that chooses the thresholds.
N_FOLDS = 10


def train_dirs() -> tuple[Path, ...]:
    """Hand-coded folders the model learns from (``config.FRAMING_TRAIN_DIRS``)."""
    return tuple(Path(p) for p in config.FRAMING_TRAIN_DIRS)


class CodeModel:
    """Per-code classifiers over rule, stance and stem features; see :func:`fit_code_model`.

    Parameters
    ----------
    codebook : DataFrame
        From :func:`analysis.framing.load_codebook`.
    C : float
        Inverse L2 regularisation strength of every logistic regression.
    own_cues : bool
        Let each code's classifier see its own cue features (default True).
    stop : iterable of str
        Words left out of the stem n-grams (default none: pronouns and
        negators carry framing).
    random_state : int
    n_jobs : int, optional
        Worker processes for the per-code fits (default ``config.N_JOBS``).

    Learned attributes: ``vectorizer_``, ``feature_names_``, ``coefs_``
    (code -> coefficient array), ``intercepts_``, ``thresholds_`` (code ->
    probability threshold, ``inf`` when the rules alone are kept), ``vetoes_``
    (code -> veto level, 0 when no rule decision is withdrawn),
    ``cv_f1_`` (code -> (rules F1, hybrid F1) out of fold on the training sets).
    """

    def __init__(self, codebook, *, C: float = 0.5, own_cues: bool = True, stop=(),
                 random_state: int = config.RANDOM_STATE, n_jobs: int | None = None):
        self.codebook, self.C, self.random_state = codebook, C, random_state
        self.n_jobs = config.N_JOBS if n_jobs is None else n_jobs
        self.own_cues, self.stop = own_cues, stop
        self.names = list(codebook["code"])

    def _design(self, corpus):
        flags, cues, blocked = features(corpus, self.codebook, self.names)
        X = self._matrix(corpus.sentences["text"].tolist(), corpus.sentences["doc_id"].to_numpy(), flags)
        return X, flags, cues, blocked

    def _matrix(self, texts, docs, flags: pd.DataFrame, *, fit=False) -> sp.csr_matrix:
        """Stem n-grams, rule and stance flags, and the previous sentence's stems at half weight."""
        if fit:
            self.vectorizer_ = CountVectorizer(analyzer=Analyzer(stop=self.stop, ngram_range=(1, 2)),
                                               binary=True, min_df=2)
            words = self.vectorizer_.fit_transform(texts)
            self.feature_names_ = list(self.vectorizer_.get_feature_names_out()) + list(flags.columns)
        else:
            words = self.vectorizer_.transform(texts)
        ctx = 0.5 * (within_doc_shift(docs, -1) @ words)
        X = sp.hstack([words, sp.csr_matrix(flags.to_numpy(dtype=np.float64)), ctx], format="csr")
        if fit:
            self.feature_names_ += ["ctx:" + w for w in self.vectorizer_.get_feature_names_out()]
        return X

    def fit(self, corpus, gold: pd.DataFrame, groups=None) -> "CodeModel":
        """Fit on ``corpus`` and its hand coding (``doc_id``, ``sent_id``, ``codes``).

        ``groups`` labels each sentence (for example with the folder of its
        article); the cross-validation that chooses the thresholds keeps each
        group in one fold. Default, and with fewer than two groups: the
        sentence's article.

        The codes are fitted in ``n_jobs`` worker processes; each fit is seeded,
        so the model is the same for any number of workers.
        """
        flags, _, blocked = features(corpus, self.codebook, self.names)
        return self._fit_features(corpus.sentences["text"].tolist(), corpus.sentences["doc_id"].to_numpy(),
                                  flags, blocked, _gold_matrix(corpus, gold, self.names), groups)

    def _fit_features(self, texts, docs, flags, blocked, Y, groups=None) -> "CodeModel":
        X = self._matrix(texts, docs, flags, fit=True)
        if groups is None or len(set(groups)) < 2:  # one folder: folds of whole articles
            groups = docs
        tasks = [(X if self.own_cues else X @ self._mask(code), Y[:, j], flags[f"cue:{code}"].to_numpy(),
                  blocked[code].to_numpy()) for j, code in enumerate(self.names)]
        jobs = self.n_jobs if len(tasks) > 1 else 1
        fits = Parallel(n_jobs=jobs, max_nbytes=None)(
            delayed(_fit_code)(Xc, y, rule, block, groups, self.C, self.random_state) for Xc, y, rule, block in tasks)
        self.coefs_, self.intercepts_, self.thresholds_, self.cv_f1_, self.vetoes_ = {}, {}, {}, {}, {}
        for code, (threshold, veto, cv_f1, coef, intercept) in zip(self.names, fits):
            self.thresholds_[code], self.vetoes_[code], self.cv_f1_[code] = threshold, veto, cv_f1
            self.coefs_[code] = coef if coef is not None else np.zeros(X.shape[1])
            self.intercepts_[code] = intercept
        return self

    def _mask(self, code: str):
        own = {f"cue:{code}", f"dropped:{code}", f"prev:{code}"}
        return sp.diags([0.0 if f in own else 1.0 for f in self.feature_names_], format="csr")

    def predict_proba(self, corpus) -> pd.DataFrame:
        """Probability of every code for every sentence: ``doc_id``, ``sent_id``, then one column per code."""
        X = self._design(corpus)[0]
        out = corpus.sentences[["doc_id", "sent_id"]].reset_index(drop=True)
        for code in self.names:
            out[code] = self._probability(X, code)
        return out

    def _probability(self, X, code: str) -> np.ndarray:
        z = X @ self.coefs_[code] + self.intercepts_[code]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))

    def decisions(self, corpus) -> pd.DataFrame:
        """Sentences the classifiers code beyond their threshold, with the evidence.

        Returns ``doc_id``, ``sent_id``, ``start``, ``end``, ``code``, ``evidence``
        (``p=0.81: <top terms with raw offsets>``), sorted.
        """
        return self.apply(corpus)[0]

    def vetoes(self, corpus) -> pd.DataFrame:
        """Rule decisions whose probability falls below the code's veto level: ``doc_id``, ``sent_id``, ``code``, ``p``.

        The hybrid withdraws them, unless that would take the code from the
        whole article (:func:`analysis.framing.detect.add_decisions`).
        """
        return self.apply(corpus)[1]

    def apply(self, corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``(decisions, vetoes)`` of :meth:`decisions` and :meth:`vetoes`, from one pass over the corpus."""
        X, flags, cues, blocked = self._design(corpus)
        sents = corpus.sentences.reset_index(drop=True)
        first = cues.assign(kind=np.where(cues["status"] == "kept", "cue", "dropped"))
        first = first.drop_duplicates(["doc_id", "sent_id", "code", "kind"])
        index = {(d, s, f"{k}:{c}"): f"{u} [{a}:{b}]" for d, s, c, k, u, a, b in
                 first[["doc_id", "sent_id", "code", "kind", "surface", "cue_start", "cue_end"]].itertuples(index=False)}
        analyzer, rows, low = Analyzer(stop=()), [], []
        for code in self.names:
            if not np.isfinite(self.thresholds_[code]) and self.vetoes_[code] <= 0:
                continue
            p = self._probability(X, code)
            for i in np.flatnonzero((p >= self.thresholds_[code]) & ~blocked[code].to_numpy()):
                sent = sents.loc[i]
                spans = _spans(sents, i, self._top_terms(X, i, code), index, analyzer)
                rows.append((sent["doc_id"], int(sent["sent_id"]), int(sent["start"]), int(sent["end"]),
                             code, f"p={p[i]:.2f}: " + " | ".join(spans)))
            below = (p < self.vetoes_[code]) & flags[f"cue:{code}"].to_numpy()
            low.append(sents.loc[below, ["doc_id", "sent_id"]].assign(code=code, p=np.round(p[below], 4)))
        added = pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "code", "evidence"])
        vetoed = pd.concat(low, ignore_index=True) if low else pd.DataFrame(columns=["doc_id", "sent_id", "code", "p"])
        order = ["doc_id", "sent_id", "code"]
        return (added.sort_values(order, kind="stable").reset_index(drop=True),
                vetoed.sort_values(order, kind="stable").reset_index(drop=True))

    def _top_terms(self, X, i: int, code: str, *, k: int = 3) -> list[str]:
        """The ``k`` features of row ``i`` that push most towards the code."""
        row = X.getrow(i)
        weights = row.data * self.coefs_[code][row.indices]
        order = sorted(zip(-weights, row.indices))
        return [self.feature_names_[idx] for w, idx in order[:k] if w < 0]


def _spans(sents, i: int, terms, index, analyzer) -> list[str]:
    """Evidence strings for the model terms of sentence ``i`` of ``sents``.

    A word, a cue or a word of the sentence before (``ctx:``) is given as
    ``surface [start:end]``; a feature that is not a word (``prev:``/``next:``
    codes, ``stance:``) as ``name [start:end]`` of the sentence it comes from.
    """
    sent = sents.loc[i]
    near = {step: sents.loc[i + step] for step in (-1, 1)
            if 0 <= i + step < len(sents) and sents.loc[i + step, "doc_id"] == sent["doc_id"]}
    out = []
    for term in terms:
        kind, _, name = term.partition(":")
        if kind in ("cue", "dropped"):
            out += [index[key] for key in [(sent["doc_id"], sent["sent_id"], term)] if key in index]
        elif kind in ("prev", "next", "stance"):
            source = near.get({"prev": -1, "next": 1}.get(kind, 0), sent)
            out.append(f"{term} [{source['start']}:{source['end']}]")
        elif kind == "ctx":
            out += _stem_span(near[-1], analyzer, name.split(" ")) if -1 in near else []
        else:
            out += _stem_span(sent, analyzer, term.split(" "))
    return out


def _stem_span(sent, analyzer, grams) -> list[str]:
    text = sent["text"]
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(lower_keep_length(normalize_quotes(text)))]
    analysed = [(a, b, analyzer(text[a:b])) for a, b in words]
    kept = [(a, b) for a, b, st in analysed if st]
    stems = [st[0] for _, _, st in analysed if st]
    for i in range(len(stems) - len(grams) + 1):
        if stems[i:i + len(grams)] == grams:
            a, b = kept[i][0], kept[i + len(grams) - 1][1]
            return [f"{sent['text'][a:b]} [{sent['start'] + a}:{sent['start'] + b}]"]
    return []


def _fit_one(X, y, C: float, random_state: int) -> LogisticRegression:
    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", random_state=random_state)
    return clf.fit(X, y)


def _out_of_fold(X, y, groups, C: float, random_state: int) -> np.ndarray:
    """Probabilities from models that did not see the sentence's group (``N_FOLDS`` folds of whole groups)."""
    oof = np.zeros(len(y))
    names = sorted(set(groups))
    fold = pd.Series(np.arange(len(names)) % N_FOLDS, index=names)[groups].to_numpy()
    for k in range(min(N_FOLDS, len(names))):
        test = fold == k
        if y[~test].sum() == 0 or y[~test].all():
            continue
        oof[test] = _fit_one(X[~test], y[~test], C, random_state).predict_proba(X[test])[:, 1]
    return oof


def _fit_code(X, y, rule, blocked, groups, C: float, random_state: int):
    """One code: ``(threshold, veto, (rules F1, best F1), coefficients, intercept)``.

    A code with too few positive sentences keeps the rules alone (no coefficients).
    BLAS runs on one thread, so the numbers do not depend on the machine's cores
    or on the number of worker processes.
    """
    if y.sum() < MIN_POSITIVES or y.all():
        return np.inf, 0.0, (_f1(rule, y), _f1(rule, y)), None, -np.inf
    with threadpool_limits(limits=1, user_api="blas"):  # a threaded BLAS sums in another order
        oof = np.where(blocked, 0.0, _out_of_fold(X, y, groups, C, random_state))
        threshold, veto, cv_f1 = _best_threshold(oof, rule, y)
        clf = _fit_one(X, y, C, random_state)
    return threshold, veto, cv_f1, clf.coef_[0], float(clf.intercept_[0])


def _gold_matrix(corpus, gold, names) -> np.ndarray:
    keys = corpus.sentences[["doc_id", "sent_id"]].reset_index(drop=True)
    sets = keys.merge(gold[["doc_id", "sent_id", "codes"]], on=["doc_id", "sent_id"], how="left")["codes"]
    sets = sets.map(lambda c: set(c) if isinstance(c, tuple) else set())
    return np.array([[c in s for c in names] for s in sets], dtype=bool).reshape(len(keys), len(names))


def _f1(pred, y) -> float:
    tp = int((pred & y).sum())
    denom = int(pred.sum()) + int(y.sum())
    return 2 * tp / denom if denom else 0.0


def _best_threshold(oof, rule, y) -> tuple[float, float, tuple[float, float]]:
    """``(threshold, veto, (rules F1, best F1))`` of "(rule fires AND probability reaches the veto)
    OR probability passes the threshold", on out-of-fold probabilities."""
    base = _f1(rule, y)
    best, best_t, best_v = base, np.inf, 0.0
    for v in VETOES:
        kept = rule & (oof >= v)
        for t in (np.inf, *THRESHOLDS):
            if v > t:
                continue
            score = _f1(kept | (oof >= t), y)
            if score > best + 1e-9:
                best, best_t, best_v = score, float(t), float(v)
    return best_t, best_v, (round(base, 4), round(best, 4))


_MODELS: dict = {}


def _training(dirs, book, *, folders=False):
    """The training folders as one corpus (documents sorted by id) and its hand coding aligned to
    its sentences; with ``folders``, also the folder of each sentence's document (an array, the
    ``groups`` of :meth:`CodeModel.fit`)."""
    from ..corpus import Corpus, load_corpus
    from ..validate.framing import align, read_frames

    raw, golds, folder_of, path_of = {}, [], {}, {}
    for d in dirs:
        loaded = load_corpus(d)
        paths = dict(zip(loaded.documents["doc_id"], loaded.documents["path"]))
        for doc_id, text in loaded.raw.items():
            if doc_id in folder_of:
                raise ValueError(f"{paths[doc_id]}: document id {doc_id!r} is also {path_of[doc_id]}; "
                                 "training folders need distinct file names")
            raw[doc_id], folder_of[doc_id], path_of[doc_id] = text, str(d), paths[doc_id]
        golds.append(read_frames(Path(d) / "frames.csv"))
    corpus = Corpus.from_texts(dict(sorted(raw.items())))
    gold = pd.concat(golds, ignore_index=True).explode("codes").dropna().rename(columns={"codes": "code"})
    sents = corpus.sentences[["doc_id", "sent_id", "start", "end"]].reset_index(drop=True)
    gold = sents.assign(codes=align(gold, sents).map(lambda s: tuple(sorted(s))))
    if not folders:
        return corpus, gold
    return corpus, gold, corpus.sentences["doc_id"].map(folder_of).to_numpy()


def fold_models(dirs, held_out, codebook=None, *, C: float = 0.5,
                random_state: int = config.RANDOM_STATE):
    """Yield ``(folder, model)``: for each folder of ``held_out``, the model fitted on the other folders of ``dirs``.

    The same models as ``fit_code_model(dirs=<dirs without the folder>)``,
    but the cue and stance pass runs once over all folders, and the models
    are not kept in the cache of :func:`fit_code_model`.
    """
    from .detect import _as_codebook

    book = _as_codebook(codebook)
    dirs = [str(Path(d).resolve()) for d in dirs]
    corpus, gold, folder = _training(dirs, book, folders=True)
    names = list(book["code"])
    flags, _, blocked = features(corpus, book, names)
    Y = _gold_matrix(corpus, gold, names)
    docs = corpus.sentences["doc_id"].to_numpy()
    texts = np.array(corpus.sentences["text"].tolist(), dtype=object)
    for out in held_out:
        rows = folder != str(Path(out).resolve())
        model = CodeModel(book, C=C, random_state=random_state)
        yield Path(out), model._fit_features(texts[rows].tolist(), docs[rows], flags[rows].reset_index(drop=True),
                                             blocked[rows].reset_index(drop=True), Y[rows], folder[rows])


def fit_code_model(codebook=None, *, dirs=None, C: float = 0.5,
                   random_state: int = config.RANDOM_STATE) -> CodeModel:
    """Fit (once per codebook and training folders, then cached) the per-code classifiers.

    The model is kept in memory and in the disk cache (:mod:`analysis.cache`),
    keyed by the package, the training folders' files, the codebook and the
    arguments: the first call in a fresh cache fits it (seconds), later calls,
    in any process, read it back.

    Parameters
    ----------
    codebook : DataFrame or path, optional
        From :func:`load_codebook` (default ``config.CODEBOOK_PATH``).
    dirs : list of path, optional
        Folders of articles, each with its hand coding ``frames.csv``
        (default :func:`train_dirs`).
    C : float
        Inverse regularisation strength of every logistic regression.
    random_state : int

    Returns
    -------
    CodeModel

    Examples
    --------
    >>> sorted(fit_code_model().thresholds_)[:1]
    ['cause.fear']
    """
    from .detect import _as_codebook

    book = _as_codebook(codebook)
    dirs = tuple(str(Path(d).resolve()) for d in (dirs or train_dirs()))
    params = (list(dirs), book.to_dict("list"), float(C), int(random_state))
    key = repr(params)  # the same arguments key the memory and the disk cache
    if key not in _MODELS:
        from ..cache import cached

        def fit():
            corpus, gold, folder = _training(dirs, book, folders=True)
            return CodeModel(book, C=C, random_state=random_state).fit(corpus, gold, groups=folder)

        _MODELS[key] = cached("fit_code_model", params, fit, paths=dirs)
    return _MODELS[key]
