from django.utils.safestring import SafeString

from forum.core.text import search_terms
from forum.search.highlight import highlight, snippet


class TestSearchTerms:
    def test_words_only(self):
        assert search_terms('"Data 360°" -AND* (code) NEAR(') == [
            "Data",
            "360",
            "AND",
            "code",
            "NEAR",
        ]

    def test_each_word_once_whatever_its_case_or_accents(self):
        assert search_terms("code Code CODE communiqué Communique") == ["code", "communiqué"]

    def test_unicode_words_are_kept(self):
        assert search_terms("Ελλάδα 日本 ünïcödé") == ["Ελλάδα", "日本", "ünïcödé"]

    def test_nothing_to_search(self):
        assert search_terms("") == []
        assert search_terms(" *** \"' -- !? ") == []

    def test_at_most_32_words(self):
        assert len(search_terms(" ".join(f"w{i}" for i in range(100)))) == 32


class TestHighlight:
    def test_marks_whole_words_whatever_their_case(self):
        assert highlight("Busan and busan, BUSAN!", ["busan"]) == (
            "<mark>Busan</mark> and <mark>busan</mark>, <mark>BUSAN</mark>!"
        )

    def test_marks_every_term(self):
        assert (
            highlight("Data 360° view", ["data", "360"])
            == "<mark>Data</mark> <mark>360</mark>° view"
        )

    def test_escapes_everything_else(self):
        html = highlight('<script>alert("x")</script> & Busan', ["busan"])
        assert isinstance(html, SafeString)
        assert html == (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Busan</mark>"
        )

    def test_terms_cannot_inject_markup(self):
        assert highlight("a <b> tag", ["<b>"]) == "a &lt;<mark>b</mark>&gt; tag"
        assert highlight("plain text", ['"><img src=x>']) == "plain text"

    def test_endings_and_accents(self):
        assert highlight("Declaration, declarations", ["declarations"]) == (
            "<mark>Declaration</mark>, <mark>declarations</mark>"
        )
        assert highlight("Teaching to teach", ["teaching"]) == (
            "<mark>Teaching</mark> to <mark>teach</mark>"
        )
        assert highlight("Communiqué", ["communique"]) == "<mark>Communiqué</mark>"

    def test_words_that_merely_start_alike_are_not_marked(self):
        assert highlight("New Zealand news", ["news"]) == "New Zealand <mark>news</mark>"
        assert highlight("an apple", ["a"]) == "an apple"
        assert highlight("a to b", ["to"]) == "a <mark>to</mark> b"

    def test_no_terms(self):
        assert highlight("x < y", []) == "x &lt; y"


WORDS = [f"w{i}" for i in range(100)]


class TestSnippet:
    def test_about_thirty_words_around_the_first_match(self):
        text = " ".join([*WORDS[:50], "Busan", *WORDS[50:]])
        html = snippet([text], ["busan"])
        assert html.startswith("… w42 ")
        assert "<mark>Busan</mark>" in html
        assert html.endswith(" …")
        assert len(html.removeprefix("… ").removesuffix(" …").split()) == 30

    def test_short_text_is_whole(self):
        assert (
            snippet(["Held in Busan in 2016."], ["busan"]) == "Held in <mark>Busan</mark> in 2016."
        )

    def test_match_near_the_end_fills_the_window_from_before(self):
        html = snippet([" ".join([*WORDS, "Busan"])], ["busan"])
        assert html.startswith("… w71 ")
        assert html.endswith("<mark>Busan</mark>")

    def test_takes_the_text_matching_most_terms(self):
        texts = ["Open source code.", "Nothing here.", "Teaching children to code."]
        assert snippet(texts, ["teaching", "children", "code"]) == (
            "<mark>Teaching</mark> <mark>children</mark> to <mark>code</mark>."
        )

    def test_takes_the_part_of_a_text_matching_most_terms(self):
        text = " ".join(["to", *WORDS[:60], "Teaching children to code", *WORDS[60:]])
        html = snippet([text], ["teaching", "children", "to", "code"])
        assert (
            "<mark>Teaching</mark> <mark>children</mark> <mark>to</mark> <mark>code</mark>" in html
        )
        assert html.startswith("… ")

    def test_earlier_text_wins_a_tie(self):
        assert snippet(["First Busan.", "Second Busan."], ["busan"]) == "First <mark>Busan</mark>."

    def test_without_a_match_the_start_of_the_first_text(self):
        html = snippet(["", " ".join(WORDS), "other"], ["busan"])
        assert html == " ".join(WORDS[:30]) + " …"
        assert "<mark>" not in html

    def test_nothing_to_show(self):
        assert snippet([], ["busan"]) == ""
        assert snippet(["", None, "  "], ["busan"]) == ""

    def test_escapes_the_text(self):
        html = snippet(["<b>Busan</b> & <script>x</script>"], ["busan"])
        assert html == "&lt;b&gt;<mark>Busan</mark>&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"

    def test_whitespace_is_collapsed(self):
        assert snippet(["Busan\n\n  declaration\tsigned"], ["busan"]) == (
            "<mark>Busan</mark> declaration signed"
        )
