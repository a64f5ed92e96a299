using System.Globalization;
using System.Text.Json;
using Dyad.Storage.Export;
using Dyad.Storage.Sqlite;
using Parquet;
using Parquet.Schema;

namespace Dyad.Storage.Tests;

/// <summary>Every export format is written from a store and read back.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-export-").FullName;
    private readonly SqliteStore _store;

    public ExportTests()
    {
        _store = new SqliteStore(Path.Combine(_folder, "dyad.db"));
        _store.Save(Corpus.All());
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Export(ExportFormat format)
    {
        var path = Path.Combine(_folder, "out." + format.ToString().ToLowerInvariant());
        using (var file = File.Create(path))
        {
            Assert.Equal(6, EventExport.Write(format, _store.AllEvents(EventExport.NeedsMentions(format)), file));
        }

        return path;
    }

    [Fact]
    public void Gdelt_tsv_has_61_columns_in_gdelt_order()
    {
        var lines = File.ReadAllLines(Export(ExportFormat.Gdelt));
        Assert.Equal(6, lines.Length);
        var rows = lines.Select(l => l.Split('\t')).ToList();
        Assert.All(rows, r => Assert.Equal(61, r.Length));
        var meeting = Assert.Single(rows, r => r[26] == "040" && r[1] == "20250121");
        Assert.Equal("202501", meeting[2]);
        Assert.Equal("2025", meeting[3]);
        Assert.Equal("2025.0575", meeting[4]);
        Assert.Equal(("RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV"), (meeting[5], meeting[6], meeting[7], meeting[12]));
        Assert.Equal(("CHNGOV", "CHN", "GOV"), (meeting[15], meeting[17], meeting[22]));
        Assert.Equal("1", meeting[25]);
        Assert.Equal(("040", "04", "1", "1"), (meeting[27], meeting[28], meeting[29], meeting[30]));
        Assert.Equal(("3", "2", "3"), (meeting[31], meeting[32], meeting[33]));
        Assert.Equal("1", meeting[34]);
        Assert.Equal(("4", "Moscow", "RS"), (meeting[51], meeting[52], meeting[53]));
        Assert.Equal(55.7522, double.Parse(meeting[56], CultureInfo.InvariantCulture), 3);
        Assert.Equal("524901", meeting[58]);
        Assert.Matches("^[0-9]{14}$", meeting[59]);
        Assert.Equal("https://tass.ru/politics/1", meeting[60]);
        Assert.All(rows, r => Assert.All(r[35..51], Assert.Empty));
        var fight = Assert.Single(rows, r => r[26] == "190");
        Assert.Equal(("19", "4", "-10"), (fight[28], fight[29], fight[30]));
    }

    [Fact]
    public void Plover_json_is_an_array_of_plover_records_with_mentions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Export(ExportFormat.Plover)));
        var records = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, records.Count);
        var meeting = records.Single(r => r.GetProperty("date").GetString() == "2025-01-21" && r.GetProperty("event")[0].GetString() == "CONSULT");
        Assert.StartsWith("dyad-", meeting.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("RUSGOV", meeting.GetProperty("actor")[0].GetProperty("code").GetString());
        Assert.Equal("CHNGOV", meeting.GetProperty("recipient")[0].GetProperty("code").GetString());
        Assert.Equal(1, meeting.GetProperty("quad_code").GetInt32());
        Assert.Equal("Moscow", meeting.GetProperty("event_loc").GetProperty("name").GetString());
        Assert.Equal(3, meeting.GetProperty("mentions").GetArrayLength());
        Assert.Equal(["held talks", "met"], meeting.GetProperty("event_text").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));
        var deal = records.Single(r => r.GetProperty("event")[0].GetString() == "AGREE");
        Assert.Equal("formal", deal.GetProperty("mode")[0].GetString());
        Assert.Equal("economic", deal.GetProperty("context")[0].GetString());
    }

    [Fact]
    public void Csv_reads_back_with_header_and_quoting()
    {
        var rows = Csv.Parse(File.ReadAllText(Export(ExportFormat.Csv)));
        Assert.Equal(EventExport.FlatColumns, rows[0]);
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(EventExport.FlatColumns.Count, r.Length));
        var col = (string name) => EventExport.FlatColumns.ToList().IndexOf(name);
        var meeting = rows.Single(r => r[col("type")] == "CONSULT" && r[col("date")] == "2025-01-21");
        Assert.Equal(("3", "3", "2"), (meeting[col("num_mentions")], meeting[col("num_articles")], meeting[col("num_sources")]));
        Assert.Equal("Vladimir Putin", meeting[col("source_name")]);

        var tricky = new[] { "a,b", "say \"hi\"", "two\nlines", "plain" };
        using var w = new StringWriter();
        Csv.WriteRow(w, tricky);
        Assert.Equal(tricky, Csv.Parse(w.ToString()).Single());
    }

    [Fact]
    public void Jsonl_has_one_event_per_line_with_its_mentions()
    {
        var lines = File.ReadAllLines(Export(ExportFormat.Jsonl));
        Assert.Equal(6, lines.Length);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var meeting = events.Single(e => e.GetProperty("type").GetString() == "CONSULT" && e.GetProperty("date").GetString() == "2025-01-21");
        Assert.Equal(3, meeting.GetProperty("mentions").GetArrayLength());
        var mention = meeting.GetProperty("mentions")[0];
        Assert.True(mention.GetProperty("sentence").GetProperty("end").GetInt32() > mention.GetProperty("sentence").GetProperty("start").GetInt32());
        Assert.Equal("RUSGOV", meeting.GetProperty("source").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, events.Single(e => e.GetProperty("type").GetString() == "FIGHT").GetProperty("place").ValueKind);
    }

    [Fact]
    public async Task Parquet_reads_back_with_typed_columns()
    {
        var path = Export(ExportFormat.Parquet);
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(EventExport.FlatColumns, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(6, group.RowCount);
        var fields = reader.Schema.GetDataFields();
        DataField F(string name) => fields.Single(f => f.Name == name);
        var mentions = new int?[6];
        await group.ReadAsync<int>(F("num_mentions"), mentions);
        var types = new string[6];
        await group.ReadAsync(F("type"), types);
        var goldstein = new double?[6];
        await group.ReadAsync<double>(F("goldstein"), goldstein);
        var meeting = Array.FindIndex(types, t => t == "CONSULT");
        Assert.Equal(3, mentions[meeting]);
        Assert.Equal(8, mentions.Sum());
        Assert.Contains(-10.0, goldstein.Cast<double>());
    }

    [Fact]
    public void Fips_codes_map_from_iso()
    {
        Assert.Equal("RS", Fips.FromIso3("RUS"));
        Assert.Equal("CH", Fips.FromIso3("chn"));
        Assert.Equal("UK", Fips.FromIso3("GBR"));
        Assert.Equal("GM", Fips.FromIso3("DEU"));
        Assert.Null(Fips.FromIso3("XYZ"));
        Assert.Null(Fips.FromIso3(null));
    }
}
