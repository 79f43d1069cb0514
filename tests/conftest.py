"""Shared fixtures: a tiny hand-written corpus whose answers are known by hand."""
from __future__ import annotations

import shutil

import pytest

from analysis import config, load_corpus

#: Three invented articles. Known by hand:
#: * alpha: title "Why Quiet Partners Go Silent" repeated once (removed), two
#:   bullets, a numbered item, "Dr." and "e.g." that must not split sentences,
#:   a quotation closed by "– Dana Whitfield", and a web footer (source link,
#:   share line, byline "About the Author: Sam Rivers", comment form, navigation).
#: * beta: no heading, so its title is its first sentence; three paragraphs.
#: * gamma: a markdown heading, a hard-wrapped paragraph, a byline "By Lee Park".
TINY = {
    "alpha.txt": (
        "Why Quiet Partners Go Silent\n\n"
        "Why Quiet Partners Go Silent\n\n"
        "Many men go quiet when they feel pressure. Dr. Omar Castillo, a family therapist, says "
        "silence is often a way to cope, e.g. after a long day at work.\n\n"
        "What Helps\n\n"
        "  • Give him time to think.\n"
        "  • Ask gentle questions. Listen without judging.\n"
        "  1. Stay calm when he withdraws.\n\n"
        "“Patience is the kindest answer.” – Dana Whitfield\n\n"
        "Source link\n\n"
        "Share this article\n\n"
        "About the Author: Sam Rivers\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Home Privacy Policy Terms Of Use Contact Us\n"
    ),
    "beta.txt": (
        "Men are often taught to hide their feelings. Boys hear that crying is weak.\n\n"
        "When your partner pulls away, it is not about you. He needs space to think.\n\n"
        "Research shows that patience helps. Do not push him to talk.\n"
    ),
    "gamma.md": (
        "# Pulling Away Is Not the End\n\n"
        "By Lee Park\n\n"
        "Stress can make a man retreat into his own head for a while, and that is\n"
        "normal for many people who were never shown how to talk about it.\n\n"
        "Give him space. Be patient, and he will come back.\n"
    ),
}


@pytest.fixture
def tiny_dir(tmp_path):
    """A folder holding the three tiny articles."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny_corpus(tiny_dir):
    """The tiny corpus, loaded."""
    return load_corpus(tiny_dir)


@pytest.fixture(scope="session")
def seeds_corpus():
    """The five seed articles, loaded once per session."""
    return load_corpus(config.SEEDS_DIR)


@pytest.fixture
def seeds_copy(tmp_path):
    """A temporary copy of seeds/ (for tests that run commands on a corpus)."""
    target = tmp_path / "seeds"
    shutil.copytree(config.SEEDS_DIR, target, ignore=shutil.ignore_patterns("annotations"))
    return target


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a test opened (plots return Axes and never close them)."""
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.fixture(scope="session", autouse=True)
def _fresh_result_cache(tmp_path_factory):
    """A disk cache that starts empty in every test session (notebook kernels and commands inherit it)."""
    from analysis.cache import CACHE_ENV

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
        yield
