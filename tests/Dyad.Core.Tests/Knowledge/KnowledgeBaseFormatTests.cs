using System.Text;
using Dyad.Knowledge;

namespace Dyad.Tests.Knowledge;

/// <summary>The binary layout that tools/kb/build.py writes (its encode()) and KnowledgeBase.Load reads.</summary>
public sealed class KnowledgeBaseFormatTests
{
    private static readonly string[] Strings =
    [
        "", "RUS", "RU", "Russia", "Russian Federation", "Russian", "Moscow", "Q159",
        "w:Vladimir_Putin", "PERSON", "Vladimir Putin", "Putin", "RUSGOV", "President of Russia", "Vladimir_Putin", "enwiki:Vladimir_Putin",
        "kremlin aide", "GOV",
    ];

    private static byte[] Sample(int format = 1)
    {
        var data = new List<byte>();
        void Varint(int n)
        {
            while (n >= 0x80)
            {
                data.Add((byte)(n | 0x80));
                n >>= 7;
            }

            data.Add((byte)n);
        }

        void Ids(params int[] ids)
        {
            foreach (var id in ids)
            {
                Varint(id);
            }
        }

        data.AddRange(Encoding.UTF8.GetBytes("# test knowledge base\n"));
        Varint(format);
        Varint(Strings.Length);
        foreach (var s in Strings)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            Varint(bytes.Length);
            data.AddRange(bytes);
        }

        // C iso3 iso2 name [aliases] [demonyms] [capitals] qid independent
        data.Add((byte)'C');
        Ids(1, 2, 3, 1, 4, 1, 5, 1, 6, 7);
        data.Add(1);

        // E id type name [aliases] [short] country code metonymy qid wiki source
        data.Add((byte)'E');
        Ids(8, 9, 10, 0, 1, 11, 1, 12);
        data.Add(0);
        Ids(0, 14, 15);

        // R id code title start end: dates are days since 0001-01-01 plus one, 0 for none
        data.Add((byte)'R');
        Ids(8, 12, 13, new DateOnly(2012, 5, 7).DayNumber + 1, 0);

        // A phrase sector person
        data.Add((byte)'A');
        Ids(16, 17);
        data.Add(1);

        data.Add(0);
        return [.. data];
    }

    [Fact]
    public void Reads_every_record_kind()
    {
        var kb = KnowledgeBase.Load(new MemoryStream(Sample()));

        var russia = kb.FindCountry("Russian")!;
        Assert.Equal("RUS", russia.Iso3);
        Assert.Equal("Russian Federation", Assert.Single(russia.Aliases));
        Assert.Equal("Moscow", Assert.Single(russia.Capitals));
        Assert.Equal("Q159", russia.Qid);
        Assert.True(russia.Independent);

        var putin = kb.Get("w:Vladimir_Putin")!;
        Assert.Equal("Vladimir Putin", putin.Name);
        Assert.Empty(putin.Aliases);
        Assert.Null(putin.Qid);
        Assert.Equal("Vladimir_Putin", putin.Wiki);
        Assert.Same(putin, kb.Get("Vladimir Putin"));
        Assert.Contains(kb.Lookup("putin"), a => ReferenceEquals(a.Entity, putin) && a.Kind == AliasKind.Short);
        Assert.Contains(kb.Lookup("vladimir putin"), a => ReferenceEquals(a.Entity, putin) && a.Kind == AliasKind.Name);

        var role = Assert.Single(putin.Roles);
        Assert.Equal(new DateOnly(2012, 5, 7), role.Start);
        Assert.Null(role.End);
        Assert.Equal("RUSGOV", kb.ActorAt(putin, new DateOnly(2025, 1, 22)).Code);

        var agent = kb.Agent("kremlin aide")!;
        Assert.Equal("GOV", agent.Sector);
        Assert.True(agent.Person);
    }

    [Fact]
    public void Rejects_other_data_with_a_reason()
    {
        var tsv = Encoding.UTF8.GetBytes("# Dyad knowledge base\nC\tRUS\tRU\tRussia\t\t\t\t\t1\n");
        var error = Assert.Throws<InvalidDataException>(() => KnowledgeBase.Load(new MemoryStream(tsv)));
        Assert.Contains("tools/kb/build.py", error.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => KnowledgeBase.Load(new MemoryStream(Sample(format: 2))));
    }
}
