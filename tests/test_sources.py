"""Cited sources on invented sentences whose answers are known by hand.

Every case is a small invented article; all cases are loaded as one corpus
(one document per case) and detected once. Names, outlets and wordings are
made up for these tests.
"""
from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

from analysis import Corpus, config
from analysis.sources import (article_source_matrix, authority_mix, detect_sources, name_key,
                              role_table, sentence_support, shared_sources, source_table)
from analysis.sources.lexicon import LexiconError, load_lexicon
from analysis.validate.sources import AnnotationError, read_gold, validate_sources

matplotlib.use("Agg")

# (text, source, kind, role, attribution); role/attribution None = not checked,
# role "" = must be missing.
NAMED = [
    # reporting verbs after the name
    ("Marisol Okafor says that men hide their fear.", "Marisol Okafor", "person", "", "paraphrase"),
    ("Tobias Lindqvist explains that silence is a shield.", "Tobias Lindqvist", "person", "", "paraphrase"),
    ("Aiyana Brooks notes that boys learn to hide tears.", "Aiyana Brooks", "person", "", "paraphrase"),
    ("Kwame Mensah calls this the retreat reflex.", "Kwame Mensah", "person", "", "paraphrase"),
    ("Lena Fischer found that couples drift apart under stress.", "Lena Fischer", "person", "", "paraphrase"),
    ("Harriet Vance argues that distance is not rejection.", "Harriet Vance", "person", "", "paraphrase"),
    ("Oren Castellano recommends giving him a day or two.", "Oren Castellano", "person", "", "paraphrase"),
    ("Nadia Petrova writes that men need a quiet room.", "Nadia Petrova", "person", "", "paraphrase"),
    ("Priya Raman stresses that patience is not passivity.", "Priya Raman", "person", "", "paraphrase"),
    ("Dmitri Volkov advises partners to wait.", "Dmitri Volkov", "person", "", "paraphrase"),
    ("Solveig Berg warns that nagging backfires.", "Solveig Berg", "person", "", "paraphrase"),
    ("Ezra Whitcombe has written that men process alone.", "Ezra Whitcombe", "person", "", "paraphrase"),
    ("Imani Clarke points out that stress shuts men down.", "Imani Clarke", "person", "", "paraphrase"),
    ("Rafael Ortiz also believes men fear failure.", "Rafael Ortiz", "person", "", "paraphrase"),
    # reporting verb before the name, no subject
    ("Distance is a way to cope, says Bettina Moreau.", "Bettina Moreau", "person", "", "paraphrase"),
    ("Men crave respect, writes psychologist Alan Greaves.", "Alan Greaves", "person", "psychologist", "paraphrase"),
    ("\u201cHe is not leaving, he is recharging,\u201d explains Carys Llewellyn.", "Carys Llewellyn", "person", "", "quote"),
    # according to / as X explains
    ("According to Yusuf Demir, men withdraw to regroup.", "Yusuf Demir", "person", "", "paraphrase"),
    ("As Greta Lindholm explains, boys are taught to hide pain.", "Greta Lindholm", "person", "", "paraphrase"),
    ("According to sex therapist Joelle Marchetti, desire follows safety.", "Joelle Marchetti", "person", "sex therapist", "paraphrase"),
    # name after a quotation: dashed or in parentheses
    ("\u201cA man who feels judged will always retreat into himself.\u201d \u2013 Felix Aronsohn", "Felix Aronsohn", "person", "", "quote"),
    ("\"Silence is how many men think through their feelings.\" (Ramona Eckhart)", "Ramona Eckhart", "person", "", "quote"),
    ("\"Give him time and he will usually come back to you.\" - Dr. Ikenna Obi", "Ikenna Obi", "person", None, "quote"),
    # quotation in the sentence with a verb
    ("Ilse Brandt says, \"Men are taught that feelings are a weakness to hide.\"", "Ilse Brandt", "person", "", "quote"),
    # roles: apposition, pre-modifiers, titles, post-nominals
    ("Dr. Helena Sorensen, a clinical psychologist, says men fear shame.", "Helena Sorensen", "person", "clinical psychologist", "paraphrase"),
    ("Dating coach Marcus Bellweather suggests men avoid conflict.", "Marcus Bellweather", "person", "dating coach", "paraphrase"),
    ("Licensed clinical social worker Tamsin Reyes explains the pattern.", "Tamsin Reyes", "person", "licensed clinical social worker", "paraphrase"),
    ("Gideon Farrow, PhD, notes that withdrawal is common.", "Gideon Farrow", "person", "PhD", "paraphrase"),
    ("Mara Ellison, LMFT, advises couples to schedule talks.", "Mara Ellison", "person", "LMFT", "paraphrase"),
    ("Professor Anneliese Kohl argues that men are socialised into silence.", "Anneliese Kohl", "person", None, "paraphrase"),
    ("Psychiatrist Dr. Omari Bates warns against pressure.", "Omari Bates", "person", "psychiatrist", "paraphrase"),
    ("Corinne Delacroix, author of a book on marriage, says men need space.", "Corinne Delacroix", "person", "author of a book on marriage", "paraphrase"),
    ("Relationship expert Sunita Varma, founder of a counselling practice, agrees.", "Sunita Varma", "person", "relationship expert", "paraphrase"),
    # names with inner capitals, hyphens, initials, particles, accents
    ("Therapist Fiona McAllister says men need routines.", "Fiona McAllister", "person", "therapist", "paraphrase"),
    ("Aurelia DeSantis-Hart explains that men bottle things up.", "Aurelia DeSantis-Hart", "person", "", "paraphrase"),
    ("Author J. R. Haverford writes that solitude restores men.", "J. R. Haverford", "person", "author", "paraphrase"),
    ("Men need solitude, says Mary J. Blige-Norton in her talk.", "Mary J. Blige-Norton", "person", "", "paraphrase"),
    ("Renée van der Berg says withdrawal is a signal.", "Renée van der Berg", "person", "", "paraphrase"),
    ("Seamus O'Donnell notes that men rarely ask for help.", "Seamus O'Donnell", "person", "", "paraphrase"),
    ("Dr. Lucia Ferreira-Gomes, a neuroscientist, says stress narrows attention.", "Lucia Ferreira-Gomes", "person", "neuroscientist", "paraphrase"),
    # "Dr." split from the name by a line wrap or a double space
    ("Dr.  Wendell Park says men are not broken.", "Wendell Park", "person", None, "paraphrase"),
    # works: books, blogs, journals
    ("In her book Quiet Hearts, Delphine Ashworth argues that men mourn alone.", "Quiet Hearts", "publication", None, "mention"),
    ("In her book Quiet Hearts, Delphine Ashworth argues that men mourn alone.", "Delphine Ashworth", "person", None, "paraphrase"),
    ("Men open up slowly, wrote Ivo Stanek on his blog Slow Men Talking.", "Slow Men Talking", "publication", None, "venue"),
    ("The study was published in the Journal of Couple Dynamics last year.", "Journal of Couple Dynamics", "publication", None, "mention"),
    ("Tessa Quinlan's research shows men fear rejection.", "Tessa Quinlan", "person", None, "mention"),
    # organisations and studies
    ("Men rarely talk about stress, according to research run by the Halden Institute.", "Halden Institute", "organization", None, "paraphrase"),
    ("A study from Northbridge University found that men hide loneliness.", "Northbridge University", "organization", None, "paraphrase"),
    ("Researchers at the University of Westmarch found that men cry less.", "University of Westmarch", "organization", None, "paraphrase"),
    ("A 2019 Kestrel study found that men sleep less after fights.", "Kestrel", "organization", None, "paraphrase"),
    ("The American Council on Partnership says couples need rituals.", "American Council on Partnership", "organization", None, "paraphrase"),
    ("Men withdraw under pressure, reports the Riverside Gazette.", "Riverside Gazette", "publication", None, "paraphrase"),
    # venue
    ("\u201cMen are not cold, they are overwhelmed by feelings,\u201d she told Hearth Weekly.", "Hearth Weekly", "publication", None, "venue"),
    ("Dr. Abel Nakamura said in an interview with Evening Ledger that men need time.", "Evening Ledger", "publication", None, "venue"),
    ("Dr. Abel Nakamura said in an interview with Evening Ledger that men need time.", "Abel Nakamura", "person", None, "paraphrase"),
    ("\u201cMen need to feel competent,\u201d says Dr. Hana Itō, a couples therapist in Seattle.", "Hana Itō", "person", "couples therapist in Seattle", "quote"),
    ("Writing in Psychology Today, therapist Noor Haddad argues that men fear failure.", "Psychology Today", "publication", None, "venue"),
    ("Writing in Psychology Today, therapist Noor Haddad argues that men fear failure.", "Noor Haddad", "person", "therapist", "paraphrase"),
    ("In an interview with The Morning Standard, Noor Haddad explained that men need quiet.", "Morning Standard", "publication", None, "venue"),
    ("Research by Dr. Ines Varga shows that men withdraw under stress.", "Ines Varga", "person", None, "paraphrase"),
    ("A survey by the Hollis Research Center found that men rarely confide in friends.", "Hollis Research Center", "organization", None, "paraphrase"),
    ("Marriage researcher Dr. Colm Byrne found that criticism drives men away.", "Colm Byrne", "person", "marriage researcher", "paraphrase"),
    ("\u201cIt is not about you at all, really,\u201d adds Beatriz Nunes.", "Beatriz Nunes", "person", "", "quote"),
    ("Psychologist Kenji Watanabe (author of a memoir) says men hide grief.", "Kenji Watanabe", "person", "psychologist", "paraphrase"),
    ("Dr. Fatima Zahra El-Amin says men fear being a burden.", "Fatima Zahra El-Amin", "person", "Dr.", "paraphrase"),
    ("According to Psychology Today, men go quiet when overwhelmed.", "Psychology Today", "publication", None, "paraphrase"),
    ("Professor Amos Kerr of Dunmore College has studied men for decades.", "Amos Kerr", "person", "Professor", "mention"),
    ("John Gottwald, PhD, founder of the Gottwald Institute, found that criticism predicts divorce.", "John Gottwald", "person", "founder of the Gottwald Institute", "paraphrase"),
    ("In his book, The Seven Rules for Calm Marriages, Gottwald writes that men flood.", "Seven Rules for Calm Marriages", "publication", None, "mention"),
    ("In a TED talk, Brenna Browning explains that shame silences men.", "Brenna Browning", "person", "", "paraphrase"),
    ("Renowned relationship expert Dr. Jon Grayling, author of Men Are from Saturn, Women Are from Neptune, says men retreat.", "Jon Grayling", "person", "renowned relationship expert", None),
    ("The National Institute of Family Health (NIFH) reports that men under-report stress.", "National Institute of Family Health", "organization", None, "paraphrase"),
    ("A 2020 Pew Research Center survey found that men have fewer close friends.", "Pew Research Center", "organization", None, "paraphrase"),
    ("Psychologists at Harvard University found that men cry less.", "Harvard University", "organization", None, "paraphrase"),
    ("Jane Doerr, who has counseled couples for 20 years, says men need time.", "Jane Doerr", "person", "", "paraphrase"),
    ("\u201cThey need time to come back,\u201d Lia Moreno said in an interview with Time.", "Time", "publication", None, "venue"),
    ("Lia Moreno told Glamour that men need time.", "Glamour", "publication", None, "venue"),
    ("As psychologist Ada Kline puts it, men fix rather than feel.", "Ada Kline", "person", "psychologist", "paraphrase"),
    ("Men, says Dr. Orla Finn, need time.", "Orla Finn", "person", "Dr.", "paraphrase"),
    ("WebMD notes that stress affects sleep.", "WebMD", "organization", None, "paraphrase"),
    ("The APA says men underuse therapy.", "APA", "organization", None, "paraphrase"),
    ("According to Men's Health, men hide stress.", "Men's Health", "organization", None, "paraphrase"),
]

# Articles of several sentences: aliases, pronouns, venues, exclusions.
DOCS = {
    "alias_surname": "Therapist Odile Marchand says men retreat. Marchand adds that the retreat is brief.",
    "alias_title": "Dr. Viktor Halloran studies couples. Dr. Halloran notes that men withdraw when criticised.",
    "copula_role": ("Ilona Feher is a marriage counselor in Vienna. "
                    "Feher says that men need a task before they talk."),
    "pronoun_next": ("Coach Bram Jessup works with couples. Jessup says men need a goal. "
                     "He adds that praise helps more than pressure."),
    "pronoun_clause": "Anouk Verhoeven says men fear shame, and she notes that it starts early.",
    "pronoun_quote": ("Vera Castillo, a counselor, says men hide. "
                      "\u201cThey were never taught another way to deal with pain,\u201d she told Morning Courier."),
    "pronoun_ambiguous": ("Dr. Ada Brun and Dr. Eli Moss disagree about this. "
                          "She says men are afraid."),
    "partner_story": ("My client Sarah Jennings says her husband stopped talking. "
                      "Take Mark, for example. Mark says he needs space. He told Lisa he was fine."),
    "example_age": "Jonah Whitley, 34, says he goes quiet after work.",
    "byline": "By Harriet Lomax\n\nMen go quiet when stressed. Lomax says you should wait.",
    "about_author": ("Men go quiet when stressed. Give him time.\n\nAbout the Author\n\n"
                     "Penelope Straus says she has coached couples for ten years."),
    "capitalised": ("Men say they are fine. God knows he tried. On Valentine's Day he went quiet. "
                    "Instagram says nothing about feelings. Monday came and he said nothing. "
                    "When Tuesday arrived, Silence Is Golden played on the radio."),
    "heading": "What Dr. Hale Says About Men\n\nMen pull away when they feel pressure.",
    "first_names": "Sophie says she waited. Tom says he needed a week.",
    "affiliation_only": "John Gottwald, PhD, founder of the Gottwald Institute, found that men flood.",
    "shouting": "I think MEN ARE SIMPLE, says NO ONE. Sarah told Tom that she was leaving.",
    "conditional": "When Jack Turner says he needs space, believe him. If Dana Holt says no, listen.",
    "proper_nouns": ("Christmas with his family made him quiet. He watched Game of Thrones alone. "
                     "New York is where he grew up, says his mother. The Bible says to be patient. "
                     "Mother Nature says rest. The Journal says nothing."),
    "shared_a": "Therapist Livia Osei says men withdraw.",
    "shared_b": "According to Dr. Livia Osei, men need time.",
}

ANONYMOUS = [
    ("Experts say men withdraw when they feel criticised.", "experts"),
    ("Many experts agree that space helps.", "experts"),
    ("Relationship experts recommend waiting a day.", "experts"),
    ("According to experts, men process emotions alone.", "experts"),
    ("Psychologists have found that men hide sadness.", "experts"),
    ("Scientists believe stress changes how men talk.", "experts"),
    ("Therapists often note that silence is a shield.", "experts"),
    ("Studies show that men talk less about feelings.", "research"),
    ("Research suggests that men need more time to process.", "research"),
    ("Recent studies have confirmed this pattern.", "research"),
    ("A recent study found that men cry less often.", "research"),
    ("According to research, couples who wait argue less.", "research"),
    ("Science tells us that stress shuts down speech.", "research"),
    ("Psychological studies have shown the same thing.", "research"),
    ("It is common knowledge that a husband retreats under stress.", "common knowledge"),
    ("It's well known that men hide their feelings.", "common knowledge"),
    ("Everyone knows that men need their cave.", "common knowledge"),
    ("It has been shown that pressure makes things worse.", "research"),
    ("Experts call this stonewalling.", "experts"),
    ("Conventional wisdom says men hate talking.", "common knowledge"),
]

NOT_ANONYMOUS = [
    "Men say they are fine when they are not.",
    "He studies late every night.",
    "She thinks he is angry with her.",
    "Give him the research he needs for his job.",
    "Your partner knows you care.",
    "The experts in your life are your friends.",
]


def _case_texts():
    texts = {f"named_{i:02d}": t for i, (t, *_) in enumerate(NAMED)}
    texts.update({f"anon_{i:02d}": t for i, (t, _) in enumerate(ANONYMOUS)})
    texts.update({f"noanon_{i:02d}": t for i, t in enumerate(NOT_ANONYMOUS)})
    texts.update(DOCS)
    return texts


@pytest.fixture(scope="module")
def cases():
    corpus = Corpus.from_texts(_case_texts())
    return corpus, detect_sources(corpus)


def _rows(mentions, doc_id):
    return mentions[mentions["doc_id"] == doc_id]


def test_case_count():
    assert len(NAMED) + len(DOCS) + len(ANONYMOUS) + len(NOT_ANONYMOUS) >= 90


def test_columns_and_offsets(cases):
    corpus, m = cases
    assert list(m.columns) == ["doc_id", "sent_id", "start", "end", "surface", "source", "kind",
                               "role", "attribution"]
    for row in m.itertuples():
        assert corpus.raw[row.doc_id][row.start:row.end] == row.surface
    assert set(m["kind"]) <= {"person", "organization", "publication", "study", "anonymous"}
    assert set(m["attribution"]) <= {"quote", "paraphrase", "mention", "venue"}


@pytest.mark.parametrize("i", range(len(NAMED)))
def test_named(cases, i):
    text, source, kind, role, attribution = NAMED[i]
    rows = _rows(cases[1], f"named_{i:02d}")
    hit = rows[rows["source"] == source]
    assert len(hit), f"{source!r} not found in {text!r}: {rows[['source', 'kind']].values.tolist()}"
    r = hit.iloc[0]
    assert r.kind == kind
    if role == "":
        assert pd.isna(r.role), r.role
    elif role is not None:
        assert r.role == role
    if attribution is not None:
        assert r.attribution == attribution


@pytest.mark.parametrize("i", range(len(ANONYMOUS)))
def test_anonymous(cases, i):
    rows = _rows(cases[1], f"anon_{i:02d}")
    assert rows["kind"].tolist() == ["anonymous"], ANONYMOUS[i][0]
    assert rows["source"].iloc[0] == ANONYMOUS[i][1]
    assert rows["surface"].iloc[0].lower() in ANONYMOUS[i][0].lower()


@pytest.mark.parametrize("i", range(len(NOT_ANONYMOUS)))
def test_not_a_source(cases, i):
    assert _rows(cases[1], f"noanon_{i:02d}").empty, NOT_ANONYMOUS[i]


def _sources_of(cases, doc):
    return _rows(cases[1], doc)["source"].tolist()


def test_alias_surname(cases):
    rows = _rows(cases[1], "alias_surname")
    assert rows["source"].tolist() == ["Odile Marchand"] * 2
    assert rows["role"].tolist() == ["therapist"] * 2
    assert rows["surface"].tolist() == ["Odile Marchand", "Marchand"]


def test_affiliation_is_not_a_source(cases):
    assert _sources_of(cases, "affiliation_only") == ["John Gottwald"]


def test_copula_role(cases):
    rows = _rows(cases[1], "copula_role")
    assert rows["source"].tolist() == ["Ilona Feher"] * 2
    assert rows["role"].iloc[0] == "marriage counselor in Vienna"
    assert rows["attribution"].tolist() == ["mention", "paraphrase"]


def test_alias_title_surname(cases):
    assert _sources_of(cases, "alias_title") == ["Viktor Halloran"] * 2


def test_pronoun_next_sentence(cases):
    rows = _rows(cases[1], "pronoun_next")
    assert rows["surface"].tolist()[-1] == "He"
    assert set(rows["source"]) == {"Bram Jessup"}


def test_pronoun_same_sentence(cases):
    rows = _rows(cases[1], "pronoun_clause")
    assert rows["surface"].tolist() == ["Anouk Verhoeven", "she"]
    assert set(rows["source"]) == {"Anouk Verhoeven"}


def test_pronoun_quote_and_venue(cases):
    rows = _rows(cases[1], "pronoun_quote")
    assert rows[["source", "attribution"]].values.tolist() == [
        ["Vera Castillo", "paraphrase"], ["Vera Castillo", "quote"], ["Morning Courier", "venue"]]
    assert rows["kind"].tolist() == ["person", "person", "publication"]


def test_pronoun_ambiguous_is_left_out(cases):
    rows = _rows(cases[1], "pronoun_ambiguous")
    assert "She" not in rows["surface"].tolist()


@pytest.mark.parametrize("doc", ["partner_story", "example_age", "byline", "about_author",
                                 "capitalised", "heading", "first_names", "conditional",
                                 "proper_nouns", "shouting"])
def test_not_citations(cases, doc):
    assert _rows(cases[1], doc).empty, _rows(cases[1], doc)[["surface", "source"]].values.tolist()


def test_source_table(cases):
    table = source_table(cases[1])
    row = table[(table["doc_id"] == "pronoun_quote") & (table["source"] == "Vera Castillo")].iloc[0]
    assert (row.n_mentions, row.n_quotes, row.attributions, row.role) == (2, 1, "quote;paraphrase", "counselor")
    assert list(table.columns[:2]) == ["doc_id", "source"]


def test_shared_sources(cases):
    m = cases[1]
    shared = shared_sources(m[m["doc_id"].str.startswith("shared_")])
    assert shared["source"].tolist() == ["Livia Osei"]
    assert shared["doc_ids"].iloc[0] == "shared_a;shared_b"


def test_article_source_matrix(cases):
    matrix = article_source_matrix(cases[1])
    row = matrix[matrix["doc_id"] == "pronoun_quote"]
    assert row[["source", "attribution"]].values.tolist() == [
        ["Morning Courier", "venue"], ["Vera Castillo", "quote"]]
    assert not (matrix["kind"] == "anonymous").any()


def test_sentence_support_and_mix(cases):
    corpus, m = cases
    support = sentence_support(corpus, m)
    assert len(support) == len(corpus.sentences)
    by_doc = support.set_index("doc_id")
    assert by_doc.loc["anon_00", "support"] == "anonymous"
    assert by_doc.loc["named_00", "support"] == "named"
    assert by_doc.loc["noanon_00", "support"] == "none"
    mix = authority_mix(corpus, m).set_index("doc_id")
    assert mix.loc["partner_story", "n_none"] == mix.loc["partner_story", "n_sentences"]
    assert mix.loc["alias_surname", "share_named"] == 1.0


def test_quote_continuation_is_supported():
    corpus = Corpus.from_texts({"q": "\u201cMen need quiet to sort out what they feel,\u201d says Tova Lind. "
                                     "\u201cPushing them only makes the silence longer.\u201d"})
    support = sentence_support(corpus)
    assert support["support"].tolist() == ["named", "named"]


def test_role_table(cases):
    roles = role_table(cases[1])
    assert {"role", "n_sources", "n_articles", "sources"} <= set(roles.columns)
    assert "dating coach" in roles["role"].tolist()


def test_name_key():
    assert name_key("Dr. Renée  Okafor, PhD", titles={"Dr."}, postnominals={"PhD"}) == "renee okafor"
    assert name_key("The Halden Institute") == "halden institute"


@pytest.mark.parametrize("text", ["According to Tova Lind PhD's research, men hide.",
                                  "Tova Lind PhD\u2019s book says men hide."])
def test_a_postnominal_before_a_possessive_ends_the_name(text):
    found = detect_sources(Corpus.from_texts({"a": text}))
    assert found[["surface", "source"]].values.tolist() == [["Tova Lind PhD", "Tova Lind"]]


def test_deterministic(cases):
    corpus = Corpus.from_texts(_case_texts())
    pd.testing.assert_frame_equal(detect_sources(corpus), cases[1])


def test_bad_lexicon_names_file_and_line(tmp_path):
    import shutil
    folder = tmp_path / "lex"
    shutil.copytree(config.SOURCES_LEXICON_DIR, folder)
    with open(folder / "anonymous.csv", "a", encoding="utf-8") as fh:
        fh.write("\"(unclosed\",experts,paraphrase\n")
    with pytest.raises(LexiconError, match=r"anonymous\.csv:\d+"):
        load_lexicon(folder)


# --- whole invented articles, coded by hand ---------------------------------------

ARTICLES = {
    'a1': 'When He Goes Quiet: What the Experts Want You to Know\n\nBy Carla Mendes\n\nEvery woman has lived this moment. You ask how his day was, and he says "fine" and turns on the TV.\n\nAccording to Dr. Rosalind Achebe, a clinical psychologist who specializes in couples, the silence is rarely about you. "Most men were raised to solve problems alone," she says. "When they go quiet, they\'re usually working something out."\n\nAchebe\'s colleague, marriage and family therapist Julian Strand, LMFT, agrees. In his practice, Strand sees the same pattern every week. "The more she pursues, the more he withdraws," he explains.\n\nResearch backs this up. A 2018 study published in the Journal of Family Psychology found that men\'s heart rates rise faster during conflict. Scientists call this "flooding."\n\nTake my friend Rachel. When her boyfriend Dan stopped texting back, she assumed the worst. Dan says he just needed a weekend to think.\n\nWhy Men Withdraw\n\nPsychotherapist and bestselling author Miriam Okonkwo-Hale writes in her book The Quiet Partner that withdrawal is a learned strategy. Okonkwo-Hale calls it "the turtle response."\n\nIt\'s no secret that men are taught to hide their feelings. Many therapists believe this starts in childhood.\n\nAbout the Author\n\nCarla Mendes is a freelance writer who covers relationships.\n',
    'a2': '5 Reasons Your Boyfriend Is Pulling Away\n\nRelationship coach Dominic Tave has worked with thousands of couples. He told Cosmopolitan that the number one reason men pull away is pressure.\n\n1. He feels criticised. "Criticism feels like an attack on who he is," Tave says.\n\n2. He is stressed at work. A survey by the American Institute of Stress found that most workers feel stressed daily.\n\n3. He fears commitment. Dr. Yuki Tanabe of Stanford University says fear of commitment often hides a fear of failure. Tanabe, whose research focuses on attachment, adds that avoidant men need predictability.\n\n4. He needs space. Studies suggest that men recover from conflict more slowly than women.\n\n5. He is losing interest. This one hurts, but as the saying goes, actions speak louder than words.\n\nWhat should you do? Experts agree: give him room, but do not disappear.\n',
    'a3': 'Is He Losing Interest or Just Stressed?\n\nMen and women handle stress differently, according to the American Psychological Association. Women tend to seek connection, while men tend to withdraw.\n\nSociologist Dr. Henrik Vallin explains that boys learn early to hide vulnerability. In his 2015 book, Men Without Words, Vallin argues that this silence is cultural, not natural. "We teach boys that feelings are dangerous," Vallin wrote.\n\n"Don\'t take it personally," advises Tara Beaumont, a dating coach based in London. "Give him a day, then check in."\n\nGod, it\'s hard to wait. But waiting works.\n\nBeaumont adds that texting him constantly will only push him further away. She recommends planning a relaxed activity together instead.\n\nShare this article\n',
    'b1': 'Why Does He Shut Down During Arguments?\n\nIf you\'ve ever watched your partner go silent mid-fight, you\'re not alone. Per a recent Gallup poll, nearly half of couples say one partner "checks out" during conflict.\n\n"Shutting down is a protective response, not a punishment." — Dr. R. Daniel Okoro\n\nOkoro, a psychologist at the Meridian Center for Couples, has studied this for two decades. He describes stonewalling as a nervous system reaction.\n\nWriting for The Atlantic, journalist Helen Marsh-Quayle notes that men are rarely taught the words for what they feel.\n\nData from the CDC shows that men are less likely than women to seek help for depression.\n\nOn her podcast, Love Lab Radio, therapist Deb Castellanos explains that partners can learn to "pause and return." Castellanos recommends a 20-minute break.\n\nIn an Instagram post, author Kofi Mensah-Boateng wrote that silence can be a form of respect.\n',
    'b2': "My Husband Stopped Talking to Me. Here's What Helped.\n\nFor months, my husband Jake barely said a word at dinner. I thought he was bored with me.\n\nJake Miller, 41, a software engineer, says he shuts down when he feels he has failed. His friend Tom Reyes says the same thing happens to him.\n\nWhen I asked my therapist, she said that men often need time before they can name a feeling.\n\nPsychologists have long noted that shame makes people hide. It's widely accepted that pushing only makes things worse.\n\nEventually Jake opened up. Patience, not pressure, did it.\n",
    'b3': 'New Study: Men Hide Loneliness From Partners\n\nResearchers from the University of Eastbrook and the Lindqvist Institute published their findings in the journal Personal Relationships.\n\n"Men reported feeling lonely even in happy relationships," said lead author Dr. Priya Nandakumar. The study\'s co-author, Dr. Samuel Adeyemi, said the results surprised the team.\n\nPsychologist Marta Ruiz-Delgado (University of Northfield), who was not involved in the research, called the findings "important but unsurprising."\n\nNandakumar said the next step is to study how partners respond.\n',
}
#: Hand key: (article, source, kind) of every source, and the anonymous appeals.
ARTICLE_SOURCES = {
    ("a1", "Rosalind Achebe", "person"), ("a1", "Julian Strand", "person"),
    ("a1", "Journal of Family Psychology", "publication"), ("a1", "Miriam Okonkwo-Hale", "person"),
    ("a1", "Quiet Partner", "publication"),
    ("a2", "Dominic Tave", "person"), ("a2", "Cosmopolitan", "publication"),
    ("a2", "American Institute of Stress", "organization"), ("a2", "Yuki Tanabe", "person"),
    ("a3", "American Psychological Association", "organization"), ("a3", "Henrik Vallin", "person"),
    ("a3", "Men Without Words", "publication"), ("a3", "Tara Beaumont", "person"),
    ("b1", "Gallup", "organization"), ("b1", "R. Daniel Okoro", "person"), ("b1", "Atlantic", "publication"),
    ("b1", "Helen Marsh-Quayle", "person"), ("b1", "CDC", "organization"),
    ("b1", "Love Lab Radio", "publication"), ("b1", "Deb Castellanos", "person"),
    ("b1", "Kofi Mensah-Boateng", "person"),
    ("b3", "University of Eastbrook", "organization"), ("b3", "Lindqvist Institute", "organization"),
    ("b3", "Personal Relationships", "publication"), ("b3", "Priya Nandakumar", "person"),
    ("b3", "Samuel Adeyemi", "person"), ("b3", "Marta Ruiz-Delgado", "person"),
}
ARTICLE_APPEALS = {("a1", "research"), ("a1", "experts"), ("a1", "common knowledge"),
                   ("a2", "research"), ("a2", "experts"), ("b2", "experts"), ("b2", "common knowledge")}
ARTICLE_ROLES = {"Rosalind Achebe": "clinical psychologist", "Julian Strand": "marriage and family therapist",
                 "Miriam Okonkwo-Hale": "psychotherapist", "Dominic Tave": "relationship coach",
                 "Henrik Vallin": "sociologist", "Tara Beaumont": "dating coach",
                 "Helen Marsh-Quayle": "journalist", "Deb Castellanos": "therapist",
                 "Kofi Mensah-Boateng": "author", "Priya Nandakumar": "lead author",
                 "Marta Ruiz-Delgado": "psychologist"}


@pytest.fixture(scope="module")
def articles():
    return detect_sources(Corpus.from_texts(ARTICLES))


def test_articles_sources(articles):
    named = articles[articles["kind"] != "anonymous"]
    assert set(zip(named["doc_id"], named["source"], named["kind"])) == ARTICLE_SOURCES
    anonymous = articles[articles["kind"] == "anonymous"]
    assert set(zip(anonymous["doc_id"], anonymous["source"])) == ARTICLE_APPEALS


def test_articles_roles_and_attribution(articles):
    roles = articles.drop_duplicates("source").set_index("source")["role"]
    for name, role in ARTICLE_ROLES.items():
        assert roles[name].startswith(role), (name, roles[name])
    quoted = set(articles.loc[articles["attribution"] == "quote", "source"])
    assert quoted == {"Rosalind Achebe", "Julian Strand", "Dominic Tave", "Henrik Vallin", "Tara Beaumont",
                      "R. Daniel Okoro", "Priya Nandakumar"}
    pronouns = articles[articles["surface"].str.lower().isin(["he", "she"])]
    assert pronouns["source"].tolist() == ["Rosalind Achebe", "Julian Strand", "Dominic Tave", "Tara Beaumont",
                                           "R. Daniel Okoro"]


def test_articles_exclusions(articles):
    assert not articles["source"].str.contains(r"\b(?:Mendes|Rachel|Dan|Stanford|God|Jake|Tom|Northfield)\b").any()
    assert articles.loc[articles["doc_id"] == "b2", "kind"].eq("anonymous").all()


# --- validation ---------------------------------------------------------------

GOLD = pd.DataFrame([
    ("d1", 0, 14, "Dr. Ann Lee", "Ann Lee", "person", "psychologist", "quote", ""),
    ("d1", 40, 43, "Lee", "Ann Lee", "person", "psychologist", "paraphrase", ""),
    ("d1", 60, 71, "experts say", "experts", "anonymous", "", "paraphrase", ""),
    ("d2", 5, 15, "Bo Tran", "Bo Tran", "person", "dating coach", "paraphrase", ""),
    ("d2", 30, 38, "Vox Daily", "Vox Daily", "publication", "", "venue", ""),
], columns=["doc_id", "start", "end", "surface", "source", "kind", "role", "attribution", "sentence"])


def test_validate_perfect():
    table = validate_sources(GOLD.drop(columns="sentence"), GOLD)
    assert table.set_index("measure")["f1"].min() == 1.0 or table.set_index("measure").loc[
        ["named_sources", "anonymous_appeals", "roles", "quote_attribution"], "f1"].min() == 1.0


def test_validate_counts_errors():
    pred = pd.DataFrame([
        ("d1", 4, 11, "Ann Lee", "Lee", "person", "clinical psychologist", "quote"),
        ("d1", 62, 70, "experts", "experts", "anonymous", None, "paraphrase"),
        ("d2", 5, 15, "Bo Tran", "Bo Tran", "person", None, "paraphrase"),
        ("d2", 50, 55, "Smith", "Smith", "person", None, "mention"),
    ], columns=["doc_id", "start", "end", "surface", "source", "kind", "role", "attribution"])
    t = validate_sources(pred, GOLD).set_index("measure")
    assert (t.loc["named_sources", "tp"], t.loc["named_sources", "n_predicted"], t.loc["named_sources", "n_gold"]) == (2, 3, 3)
    assert t.loc["anonymous_appeals", "f1"] == 1.0
    assert (t.loc["roles", "tp"], t.loc["roles", "n_gold"]) == (1, 2)
    assert t.loc["quote_attribution", "recall"] == 1.0
    assert t.loc["venues", "recall"] == 0.0


def test_read_gold_errors_name_file_and_line(tmp_path):
    path = tmp_path / "sources.csv"
    GOLD.to_csv(path, index=False)
    assert len(read_gold(path)) == len(GOLD)
    bad = GOLD.copy()
    bad.loc[3, "kind"] = "celebrity"
    bad.to_csv(path, index=False)
    with pytest.raises(AnnotationError, match=r"sources\.csv:5: kind"):
        read_gold(path)
    path.write_text("doc_id,start\nx,1\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"sources\.csv:1: missing"):
        read_gold(path)


@pytest.mark.skipif(not config.SOURCES_GOLD_PATH.exists(),
                    reason="seeds/annotations/sources.csv (hand-coded sources) is not there yet")
def test_seeds_floor(seeds_corpus):
    table = validate_sources(detect_sources(seeds_corpus)).set_index("measure")
    assert table.loc["named_sources", "f1"] >= 0.7
    assert table.loc["anonymous_appeals", "f1"] >= 0.4
    assert table.loc["roles", "recall"] >= 0.6


# --- plots and figures ----------------------------------------------------------

def test_plot_source_matrix(cases):
    from analysis.plots.sources import plot_source_matrix
    table = article_source_matrix(cases[1])
    table = table[table["doc_id"].isin(["pronoun_quote", "shared_a", "shared_b"])]
    ax = plot_source_matrix(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Livia Osei", "Morning Courier", "Vera Castillo"]
    assert len(ax.get_xticklabels()) == 3
    assert sum(len(c.get_offsets()) for c in ax.collections) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["quote", "paraphrase", "venue", "mention"]


def test_plot_authority_mix_and_roles(cases):
    from analysis.plots.sources import plot_authority_mix, plot_source_roles
    corpus, m = cases
    mix = authority_mix(corpus, m).head(4)
    ax = plot_authority_mix(mix)
    assert len(ax.patches) == 3 * 4
    assert ax.get_xlabel() == "share of sentences"
    roles = role_table(m)
    ax = plot_source_roles(roles)
    assert len(ax.patches) == len(roles)
    assert ax.get_yticklabels()[0].get_text() == roles["role"].iloc[0]


def test_figures_registered(tmp_path, tiny_corpus):
    from analysis.figures import load_all, write_figures
    names = ["source_matrix", "authority_mix", "source_roles", "source_table"]
    assert set(names) | {"sources_validation"} <= set(load_all())
    paths = write_figures(tiny_corpus, tmp_path, names=names, progress=None)
    assert (tmp_path / "source_matrix.png").exists() and (tmp_path / "source_table.csv").exists()
    first = {p.name: p.read_bytes() for p in paths}
    again = write_figures(tiny_corpus, tmp_path, names=names, progress=None)
    assert {p.name: p.read_bytes() for p in again} == first
