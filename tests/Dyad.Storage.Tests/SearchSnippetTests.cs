using Dyad.Storage.Sqlite;

namespace Dyad.Storage.Tests;

/// <summary>Snippets of SQLite search hits (SearchSnippet): words around the first searched word, every searched word marked.</summary>
public sealed class SearchSnippetTests
{
    private static string Of(string text, params string[] query)
    {
        var phrases = SqliteStore.FtsPhrases(string.Join(' ', query));
        return SearchSnippet.Build(text, SearchSnippet.PhrasesOf(phrases), SearchSnippet.WordsOf(phrases));
    }

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
    public void A_quoted_phrase_found_whole_places_the_snippet_before_an_earlier_lone_word_of_it()
    {
        var text = "Foreign investment fell sharply in the first half of the year, the statistics office said on Tuesday, while in Ankara the foreign minister met his counterpart.";
        Assert.Equal("...in Ankara the [foreign] [minister] met his counterpart.", Of(text, "\"foreign minister\""));
        Assert.Equal("...in Ankara the [foreign] [minister] met his counterpart.", Of(text, "foreign", "minister")); // typed without quotes
        Assert.StartsWith("[Foreign] investment", Of(text, "minister", "foreign"), StringComparison.Ordinal);
        Assert.StartsWith("[Foreign] investment", Of(text, "\"foreign ministry\""), StringComparison.Ordinal);
    }

    [Fact]
    public void Query_words_are_split_from_phrases_once_each()
    {
        Assert.Equal(["trade", "deal", "Moscow"], SearchSnippet.WordsOf(SqliteStore.FtsPhrases("\"trade deal\" Moscow deal")));
        Assert.Equal(["trade deal", "trade deal Moscow deal"], SearchSnippet.PhrasesOf(SqliteStore.FtsPhrases("\"trade deal\" Moscow deal")));
        Assert.Equal(["trade deal"], SearchSnippet.PhrasesOf(SqliteStore.FtsPhrases("\"trade deal\"")));
        Assert.Empty(SearchSnippet.PhrasesOf(SqliteStore.FtsPhrases("deal")));
    }
}
