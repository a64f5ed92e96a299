using System.Text;

namespace Dyad.Reading;

/// <summary>
/// Bytes to text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, else Windows-1252.
/// Refuses binary content (NUL bytes, known binary signatures, many control characters).
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Returns the decoded text, or null with the reason it is not text.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? reason)
    {
        reason = null;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return DecodeUtf8(bytes[3..], out reason);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return CheckText(Encoding.Unicode.GetString(bytes[2..]), out reason);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return CheckText(Encoding.BigEndianUnicode.GetString(bytes[2..]), out reason);
        }

        var signature = BinarySignature(bytes);
        if (signature is not null)
        {
            reason = $"binary file ({signature}), not text";
            return null;
        }

        if (bytes.Contains((byte)0))
        {
            reason = "binary file (contains NUL bytes), not text";
            return null;
        }

        return DecodeUtf8(bytes, out reason);
    }

    private static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out string? reason)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding(1252).GetString(bytes);
        }

        return CheckText(text, out reason);
    }

    private static string? CheckText(string text, out string? reason)
    {
        reason = null;
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0' || (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')))
            {
                control++;
            }
        }

        if (control > 0 && control * 100 > text.Length)
        {
            reason = $"binary file ({control} control characters in {text.Length}), not text";
            return null;
        }

        return text;
    }

    private static string? BinarySignature(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF"u8)) return "PDF";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return "PNG image";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "JPEG image";
        if (b.StartsWith("GIF8"u8)) return "GIF image";
        if (b.StartsWith("PK\u0003\u0004"u8)) return "ZIP archive";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return "gzip archive";
        if (b.StartsWith("\u007FELF"u8)) return "ELF executable";
        if (b.StartsWith("SQLite format 3"u8)) return "SQLite database";
        return null;
    }
}
