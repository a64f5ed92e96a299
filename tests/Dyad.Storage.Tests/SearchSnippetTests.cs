using Dyad.Storage.Sqlite;

namespace Dyad.Storage.Tests;

/// <summary>Snippets of SQLite search hits (SearchSnippet): words around the first searched word, every searched word marked.</summary>
public sealed class SearchSnippetTests
{
    private static string Of(string text, params string[] query) => SearchSnippet.Build(text, SearchSnippet.WordsOf(SqliteStore.FtsPhrases(string.Join(' ', query))));

    [Fact]
    public void Marks_every_searched_word_in_a_window_that_starts_three_words_before_the_first()
    {
        var text = "On Monday in the capital the two foreign ministers signed a trade deal after talks, and the deal was welcomed by many of the officials present.";
        Assert.Equal("...the two foreign [ministers] signed a trade [deal] after talks, and the [deal] was welcomed by...", Of(text, "deal", "ministers"));
    }

    [Fact]
    public void Ignores_case_and_matches_whole_words_only()
    {
        Assert.Equal("The [DEAL] was a dealer's idea.", Of("The DEAL was a dealer's idea.", "deal"));
        Assert.Equal("Dealers met. A [deal] followed.", Of("Dealers met. A deal followed.", "Deal"));
    }

    [Fact]
    public void A_phrase_marks_its_words_and_the_text_starts_the_snippet_when_no_word_is_in_it()
    {
        Assert.Equal("[Trade] [deal] signed", Of("Trade deal signed", "\"trade deal\""));
        Assert.Equal("Nothing in the text matches the title's word here, so the snippet starts at the...", Of("Nothing in the text matches the title's word here, so the snippet starts at the beginning of the text.", "pipeline"));
    }

    [Fact]
    public void Empty_text_punctuation_only_and_huge_texts_do_not_break_it()
    {
        Assert.Equal("", Of("", "deal"));
        Assert.Equal("", Of("... --- !!!", "deal"));
        var huge = new string('a', 2_000_000) + " deal";
        Assert.Equal("...[deal]", Of(huge, "a", "deal"));
        Assert.Equal("[a] [a] [a]", Of("a a a", "a"));
    }

    [Fact]
    public void Query_words_are_split_from_phrases_once_each()
    {
        Assert.Equal(["trade", "deal", "Moscow"], SearchSnippet.WordsOf(SqliteStore.FtsPhrases("\"trade deal\" Moscow deal")));
    }
}
