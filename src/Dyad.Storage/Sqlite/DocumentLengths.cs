using System.Data.Common;
using Dyad.Storage.Sql;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// Each stored document's length in tokens (title + text, FTS5's <c>documents_fts_docsize</c> record)
/// by its seq, kept in memory for <see cref="Fts5Ranking"/>: BM25 needs the length of every row it scores,
/// and FTS5 reads it with one lookup in the docsize table per row (about a third of a search's cost).
/// A document is never rewritten once stored and seqs only grow, so the array only grows: the rows
/// above the last one read are loaded when a search sees a larger max(seq). A seq without a record
/// holds -1 (the ranking function then asks FTS5). Shared by the store's threads: a search works on
/// the array it got (entries never change once written).
/// </summary>
internal sealed class DocumentLengths
{
    private readonly Lock _lock = new();
    private int[] _lengths = [];
    private long _loaded;

    /// <summary>The lengths of every document up to <paramref name="newest"/> (seq), loading the ones not read yet.</summary>
    public int[] Upto(DbConnection connection, DbTransaction transaction, long newest)
    {
        var current = Volatile.Read(ref _lengths);
        if (newest <= Volatile.Read(ref _loaded) || newest > Array.MaxLength - 1)
        {
            return current;
        }

        lock (_lock)
        {
            if (newest <= _loaded)
            {
                return _lengths;
            }

            var grown = new int[Math.Max(newest + 1, Math.Min(Array.MaxLength, (long)_lengths.Length * 2))];
            Array.Fill(grown, -1);
            Array.Copy(_lengths, grown, _lengths.Length);
            using (var cmd = Db.Command(connection, transaction, "SELECT id, sz FROM documents_fts_docsize WHERE id > @p0 AND id <= @p1", _loaded, newest))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    var id = r.GetInt64(0);
                    if (id >= 0 && id < grown.Length && !r.IsDBNull(1))
                    {
                        grown[id] = Tokens((byte[])r.GetValue(1));
                    }
                }
            }

            Volatile.Write(ref _lengths, grown);
            Volatile.Write(ref _loaded, newest);
            return grown;
        }
    }

    /// <summary>The sum of a docsize record's column sizes (SQLite varints, one per column).</summary>
    internal static int Tokens(ReadOnlySpan<byte> record)
    {
        long total = 0;
        var i = 0;
        while (i < record.Length)
        {
            long v = 0;
            byte b;
            var n = 0;
            do
            {
                b = record[i++];
                v = (v << 7) | (uint)(b & 0x7F);
                n++;
            }
            while ((b & 0x80) != 0 && i < record.Length && n < 8);

            total += v;
        }

        return (int)Math.Min(total, int.MaxValue);
    }
}
