using System.Security.Cryptography;
using System.Text;

namespace Dyad;

/// <summary>
/// A document's id: the input's own id where it has one, else the first 16 hex characters of
/// SHA-256 over the normalised text (NFC, whitespace runs folded to one space, trimmed) and the
/// URL when there is one. The same article read twice gets the same id.
/// </summary>
public static class DocumentId
{
    public static string For(Document document)
    {
        if (!string.IsNullOrWhiteSpace(document.Id))
        {
            return document.Id;
        }

        var normalised = Normalise(document.Text);
        var payload = document.Url is null ? normalised : normalised + "\n" + document.Url.Trim();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(payload), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    public static string Normalise(string text)
    {
        var nfc = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
