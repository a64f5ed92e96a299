using System.Text;
using Dyad.Reading;

namespace Dyad.Tests.Reading;

public sealed class ReaderTests
{
    private static ReadResult Read(string text, ReaderOptions? options = null) =>
        DocumentReader.Read("input.txt", Encoding.UTF8.GetBytes(text), options);

    [Fact]
    public void Header_format_gives_date_title_byline_and_titled_text()
    {
        var input = " date 2025-01-22 Leaders Meet\n\nBy Jane Doe, Agencies\n\nFirst paragraph.\n\nSecond paragraph.\n";
        var doc = Assert.Single(Read(input).Documents);
        Assert.Equal(new DateOnly(2025, 1, 22), doc.Date);
        Assert.Equal("Leaders Meet", doc.Title);
        Assert.Equal("By Jane Doe, Agencies", doc.Byline);
        Assert.Equal("Leaders Meet\n\nFirst paragraph.\n\nSecond paragraph.", doc.Text);
        Assert.Equal("Leaders Meet\n\n".Length, doc.BodyStart);
    }

    [Fact]
    public void Header_format_without_byline_keeps_first_paragraph()
    {
        var doc = Assert.Single(Read(" date 2024-03-01 T\n\nBody starts here.").Documents);
        Assert.Null(doc.Byline);
        Assert.Equal("T\n\nBody starts here.", doc.Text);
    }

    [Fact]
    public void Plain_text_is_kept_exactly_with_line_endings_and_no_bom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Line one.\r\nLine two.\r\n")).ToArray();
        var doc = Assert.Single(DocumentReader.Read("a.txt", bytes).Documents);
        Assert.Equal("Line one.\r\nLine two.\r\n", doc.Text);
        Assert.Null(doc.Title);
        Assert.Equal(0, doc.BodyStart);
    }

    [Fact]
    public void Utf16_with_bom_is_decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Xi met Putin in Moscow.")).ToArray();
        Assert.Equal("Xi met Putin in Moscow.", Assert.Single(DocumentReader.Read("u16.txt", bytes).Documents).Text);
        var be = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("Big endian.")).ToArray();
        Assert.Equal("Big endian.", Assert.Single(DocumentReader.Read("u16be.txt", be).Documents).Text);
    }

    [Fact]
    public void Windows_1252_is_the_fallback_for_invalid_utf8()
    {
        var bytes = new byte[] { (byte)'C', (byte)'a', (byte)'f', 0xE9, (byte)' ', 0x93, (byte)'q', 0x94 };
        Assert.Equal("Café “q”", Assert.Single(DocumentReader.Read("cp1252.txt", bytes).Documents).Text);
    }

    [Theory]
    [InlineData(new byte[0], "empty file")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "binary file (PDF)")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "binary file (PNG image)")]
    [InlineData(new byte[] { 0x41, 0x00, 0x42, 0x00, 0x43 }, "binary file (contains NUL bytes)")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x20 }, "empty file (only white space)")]
    public void Bad_input_gets_a_named_reason(byte[] bytes, string reason)
    {
        var result = DocumentReader.Read("bad.bin", bytes);
        Assert.Empty(result.Documents);
        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.bin", error.Origin);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_character_noise_is_refused_as_binary()
    {
        var bytes = Enumerable.Range(0, 400).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41)).ToArray();
        var error = Assert.Single(DocumentReader.Read("noise", bytes).Errors);
        Assert.Contains("binary", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_over_the_size_limit_is_refused()
    {
        var result = Read(new string('a', 2000), new ReaderOptions { MaxBytes = 1000 });
        Assert.Contains("over the limit", Assert.Single(result.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_keep_good_lines_and_report_bad_ones_by_number()
    {
        var input = """
            {"id":"a1","url":"http://x/1","date":"2025-01-22","title":"One","text":"Body one.","source":"Wire"}
            {"id":"a2", "text": "unterminated
            {"title":"No text"}
            {"id":"a4","date":"2025-02-01T10:00:00Z","text":"Body four."}
            """;
        var result = Read(input);
        Assert.Equal(2, result.Documents.Length);
        var first = result.Documents[0];
        Assert.Equal("a1", first.Id);
        Assert.Equal("One\n\nBody one.", first.Text);
        Assert.Equal("Wire", first.Source);
        Assert.Equal(new DateOnly(2025, 2, 1), result.Documents[1].Date);
        Assert.Equal(["input.txt:2", "input.txt:3"], result.Errors.Select(e => e.Origin));
        Assert.Contains("malformed JSON", result.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_gives_the_article_body_not_menus_or_scripts()
    {
        var html = """
            <!doctype html><html><head><title>Leaders meet</title>
            <meta property="article:published_time" content="2025-01-22T08:00:00Z"><meta name="author" content="Jane Doe">
            <script>alert('x')</script><style>p{}</style></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="sidebar-menu"><p>Most read: celebrity news</p></div>
            <article><h1>Leaders meet</h1><p>Putin and Xi held a video call.</p><p>They discussed <b>trade</b>.</p>
            <script>document.write('bad')</script></article>
            <footer><p>Copyright 2025</p></footer></body></html>
            """;
        var doc = Assert.Single(Read(html).Documents);
        Assert.Equal("Leaders meet", doc.Title);
        Assert.Equal(new DateOnly(2025, 1, 22), doc.Date);
        Assert.Equal("Jane Doe", doc.Byline);
        Assert.Equal("Leaders meet\n\nPutin and Xi held a video call.\n\nThey discussed trade.", doc.Text);
    }

    [Fact]
    public void Rss_items_are_documents_and_an_empty_item_is_reported()
    {
        var rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>World Wire</title>
            <item><title>One</title><link>http://x/1</link><pubDate>Wed, 22 Jan 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;Xi spoke.&lt;/p&gt;</description></item>
            <item><title>Empty</title></item>
            <item><title>Two</title><description>Putin spoke.</description></item>
            </channel></rss>
            """;
        var result = Read(rss);
        Assert.Equal(2, result.Documents.Length);
        Assert.Equal("One\n\nXi spoke.", result.Documents[0].Text);
        Assert.Equal(new DateOnly(2025, 1, 22), result.Documents[0].Date);
        Assert.Equal("World Wire", result.Documents[0].Source);
        Assert.Equal("input.txt#item2", Assert.Single(result.Errors).Origin);
    }

    [Fact]
    public void Atom_entries_are_documents()
    {
        var atom = """
            <?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title>
            <entry><title>A</title><link href="http://x/a"/><published>2025-01-21T00:00:00Z</published><content type="html">&lt;p&gt;Text A.&lt;/p&gt;</content></entry>
            </feed>
            """;
        var doc = Assert.Single(Read(atom).Documents);
        Assert.Equal("A\n\nText A.", doc.Text);
        Assert.Equal("http://x/a", doc.Url);
        Assert.Equal(new DateOnly(2025, 1, 21), doc.Date);
    }

    [Fact]
    public void Feed_with_a_dtd_is_refused_not_expanded()
    {
        var evil = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
            <rss><channel><item><description>&b;</description></item></channel></rss>
            """;
        var error = Assert.Single(Read(evil).Errors);
        Assert.Contains("malformed feed XML", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_option_overrides_the_input_date()
    {
        var doc = Assert.Single(Read(" date 2025-01-22 T\n\nBody.", new ReaderOptions { Date = new DateOnly(2020, 5, 1) }).Documents);
        Assert.Equal(new DateOnly(2020, 5, 1), doc.Date);
    }

    [Fact]
    public void The_same_text_gets_the_same_id()
    {
        var a = new Analysis(Assert.Single(Read("Xi met  Putin.").Documents));
        var b = new Analysis(Assert.Single(Read("Xi met Putin.\n").Documents));
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(16, a.Id.Length);
    }

    [Fact]
    public void Pathologically_nested_html_is_read_linearly_without_scripts()
    {
        var html = "<html><body><script>evil()</script>" + string.Concat(Enumerable.Repeat("<div>", 100_000))
            + "<p>Deep &amp; true.</p>" + string.Concat(Enumerable.Repeat("</div>", 100_000)) + "</body></html>";
        var doc = Assert.Single(Read(html).Documents);
        Assert.Equal("Deep & true.", doc.Text);
    }

    [Fact]
    public void Unclosed_formatting_tags_do_not_hang_the_reader()
    {
        var html = "<p>" + string.Concat(Enumerable.Repeat("<b><i>", 50_000)) + "Text.</p>";
        var doc = Assert.Single(Read(html).Documents);
        Assert.Equal("Text.", doc.Text);
    }
}
