"""Claims made in two or more documents: :func:`detect_repeated_claims`.

Examples
--------
>>> from analysis import Corpus
>>> c = Corpus.from_texts({"a": "Men are taught to hide their feelings. Buy a cake.",
...                        "b": "Guys are taught to hide feelings. Paint the fence."})
>>> detect_repeated_claims(c, threshold=0.3)[["claim_id", "doc_id", "sent_id"]].values.tolist()
[[1, 'a', 0], [1, 'b', 0]]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .cluster import average_linkage
from .grow import attach_members, merge_claims
from .sentences import claim_content, claim_terms, detect_claims
from .support import member_support
from .vectors import check_search, claim_vectors

#: Default similarity threshold (chosen with ``validate.claims.threshold_curve``).
DEFAULT_THRESHOLD = 0.375
#: Least number of content terms (stems or concept tokens) that all members of a claim share.
DEFAULT_MIN_SHARED = 2
#: The framing code that marks the topic itself (left out of the claim representation).
TOPIC_CODE = "problem.withdrawal"
#: Character n-gram cosine from which a member counts as verbatim reuse.
VERBATIM_CHAR_COSINE = 0.7

REPEATED_COLUMNS = ["claim_id", "doc_id", "sent_id", "start", "end", "text", "similarity",
                    "match", "claim_type", "label", "n_docs", "support"]


def detect_repeated_claims(corpus, *, threshold: float = DEFAULT_THRESHOLD, k: int = 10,
                           min_shared: int = DEFAULT_MIN_SHARED, frames: bool = True,
                           attach: float | None = None, merge: float | None = None,
                           search: str = "auto") -> pd.DataFrame:
    """One row per member sentence of each claim made in two or more documents.

    Claim sentences (:func:`detect_claims`; a quoting sentence by its
    quotation, :func:`~analysis.claims.sentences.claim_content`) are represented by
    :func:`~analysis.claims.vectors.claim_vectors` (words, concepts, LSA,
    character n-grams and, with ``frames``, the sentence's framing codes
    from :func:`analysis.framing.detect_codes`) and grouped by average
    linkage on a sparse neighbour graph; a group is a claim when its members
    come from at least two documents and all of them share at least
    ``min_shared`` content terms (normalised stems, concept tokens or
    framing codes, the generic subjects "men", "you" and so on left out):
    members that share only one term speak of the same topic, not make the
    same claim. Optionally, claims whose members are
    on average ``merge`` similar are joined (fragments of one claim), and
    every claim sentence whose mean similarity to a claim's members reaches
    ``attach`` joins it too, so that a sentence may serve several claims
    (:mod:`analysis.claims.grow`). The vectors (and framing codes) of the
    claim sentences are cached on the corpus: calls at other thresholds or
    options reuse them.

    Parameters
    ----------
    corpus : Corpus
    threshold : float
        Least average similarity inside a claim (higher: fewer, tighter claims).
    k : int
        Neighbours per sentence considered when grouping.
    min_shared : int
        Least number of content terms common to all members (0: no check).
    frames : bool
        Use the framing codes of each sentence (cause, evaluation, remedy;
        ``problem.withdrawal`` is left out as it marks the topic, not a
        claim) as a block of the representation and as shared terms.
    attach : float, optional
        Least mean similarity for a sentence to join a further claim
        (None: each sentence serves one claim at most).
    merge : float, optional
        Least mean similarity between two claims' members to join them
        (None: no second pass).
    search : {"auto", "exact", "approximate"}
        The neighbour search (:func:`~analysis.claims.vectors.top_k_neighbours`):
        ``"auto"`` compares every pair of claim sentences up to
        :data:`~analysis.claims.vectors.EXACT_UP_TO` of them and searches
        approximately above.

    Returns
    -------
    DataFrame
        ``claim_id`` (1 = made by most documents), ``doc_id``, ``sent_id``,
        ``start``, ``end``, ``text``, ``similarity`` (to the claim's most
        central sentence, the ``label``: the weighted sum of the cosines of
        the representation's blocks, at most 1; a block a sentence lacks,
        such as framing codes, adds nothing, so even the label may score
        below 1, and a verbatim copy whose codes differ scores below a copy
        whose codes agree), ``match`` (``verbatim`` when a member of another
        document has nearly the same characters, else ``paraphrase``),
        ``claim_type`` of the member, ``label`` (the central sentence),
        ``n_docs``, ``support`` (named, anonymous, none, or unknown when
        the sources layer is missing). Sorted by claim, corpus order.
    """
    check_search(search)  # before the cached work
    options = {"attach": attach, "merge": merge, "min_shared": int(min_shared), "frames": bool(frames)}
    key = ("detect_repeated_claims", round(float(threshold), 6), int(k), search,
           *(None if v is None else round(float(v), 6) for v in options.values()))
    return corpus.cached(key, lambda: _repeated(corpus, threshold, k, options, search)).copy()


def _repeated(corpus, threshold, k, options, search) -> pd.DataFrame:
    claims = detect_claims(corpus)
    if claims.empty:
        return pd.DataFrame(columns=REPEATED_COLUMNS)
    claims["content"] = claims["text"].map(claim_content)  # what each sentence claims
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    codes, vectors = corpus.cached(("claim_vectors", options["frames"]),
                                   lambda: _vectors(corpus, claims, options["frames"]))
    claims["group"] = average_linkage(vectors, claims["doc_id"].to_numpy(), threshold=threshold, k=k,
                                      search=search)
    n_docs = claims.groupby("group")["doc_id"].transform("nunique")
    kept = claims.loc[n_docs >= 2, "group"]
    found = {g: rows.tolist() for g, rows in kept.groupby(kept).groups.items()
             if shared_terms(claims.loc[rows, "content"],
                             None if codes is None else [codes[i] for i in rows]) >= options["min_shared"]}
    if options["merge"] is not None:
        found = merge_claims(vectors, found, threshold=options["merge"], k=k)
    if options["attach"] is not None:
        found = attach_members(vectors, found, attach=options["attach"], docs=claims["doc_id"].to_numpy())
    parts = []
    for g, rows in found.items():
        group = claims.loc[rows].assign(group=g)
        parts.append(_describe(group.assign(n_docs=group["doc_id"].nunique()), vectors))
    if not parts:
        return pd.DataFrame(columns=REPEATED_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["doc_rank"] = out["doc_id"].map(order)
    first = out.groupby("group")["doc_rank"].transform("min") * 1e9 + out.groupby("group")["start"].transform("min")
    size = out.groupby("group")["group"].transform("size")
    out = out.assign(first=first, size=size).sort_values(
        ["n_docs", "size", "first", "group"], ascending=[False, False, True, True])
    out["claim_id"] = pd.factorize(out["group"])[0] + 1
    out = out.sort_values(["claim_id", "doc_rank", "sent_id"])
    out["support"] = member_support(corpus, out)
    return out[REPEATED_COLUMNS].reset_index(drop=True)


def _vectors(corpus, claims, frames: bool):
    """Framing codes (or None) and vectors of the claim sentences: the same at every threshold."""
    codes = sentence_frames(corpus, claims) if frames else None
    return codes, claim_vectors(claims["content"].tolist(), frames=codes)


def shared_terms(texts, frames=None) -> int:
    """Number of content terms (stems, concept tokens, framing codes) that every text has.

    Parameters
    ----------
    texts : sequence of str
    frames : sequence of iterables of str, optional
        Framing codes of each text, counted as terms.

    Examples
    --------
    >>> shared_terms(["Men hide their feelings.", "Guys hide feelings at work."])  # hide, feel, 2 concepts
    4
    >>> shared_terms(["He is scared.", "He is anxious."], frames=[["cause.fear"], ["cause.fear"]])  # C_FEAR, the code
    2
    """
    generic = {"MALE", "FEMALE", "READER"}
    texts = list(texts)
    frames = frames if frames is not None else [()] * len(texts)
    sets = [{t for t in claim_terms(x) if t not in generic and not t.startswith("NEG_")} | set(f)
            for x, f in zip(texts, frames)]
    return len(set.intersection(*sets)) if sets else 0


def sentence_frames(corpus, claims: pd.DataFrame) -> list[tuple]:
    """The framing codes of each claim sentence (``problem.withdrawal`` left out), in row order.

    Examples
    --------
    >>> from analysis import Corpus
    >>> c = Corpus.from_texts({"a": "He is scared of being judged. Buy milk."})
    >>> sentence_frames(c, c.sentences)
    [('cause.fear',), ()]
    """
    from ..framing import detect_codes

    codes = detect_codes(corpus)
    codes = codes.loc[codes["code"] != TOPIC_CODE]
    by_sentence = codes.groupby(["doc_id", "sent_id"])["code"].agg(lambda c: tuple(sorted(set(c))))
    keys = pd.MultiIndex.from_frame(claims[["doc_id", "sent_id"]])
    return [c if isinstance(c, tuple) else () for c in by_sentence.reindex(keys).tolist()]


def _describe(group: pd.DataFrame, vectors) -> pd.DataFrame:
    """Similarity to the central member, match kind and label of one claim."""
    rows = group.index.to_numpy()
    sims = (vectors.sparse[rows] @ vectors.sparse[rows].T).toarray() + vectors.dense[rows] @ vectors.dense[rows].T
    central = int(np.argmax(sims.sum(axis=1)))
    char = (vectors.char[rows] @ vectors.char[rows].T).toarray()
    other_doc = group["doc_id"].to_numpy()[:, None] != group["doc_id"].to_numpy()[None, :]
    verbatim = (np.where(other_doc, char, 0).max(axis=1) >= VERBATIM_CHAR_COSINE)
    return group.assign(similarity=np.round(sims[:, central], 4),
                        match=np.where(verbatim, "verbatim", "paraphrase"),
                        label=group["text"].iloc[central])
