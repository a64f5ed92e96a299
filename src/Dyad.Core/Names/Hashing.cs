using System.Runtime.CompilerServices;

namespace Dyad.Names;

/// <summary>Stable 64-bit hashes (FNV-1a and a mixer) for features and dictionary keys; never process-dependent.</summary>
internal static class Hashing
{
    public const ulong Seed = 14695981039346656037UL;
    public const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Lower(ReadOnlySpan<char> text)
    {
        var h = Seed;
        foreach (var c in text)
        {
            h ^= LowerChar(c);
            h *= Prime;
        }

        return h;
    }

    /// <summary><see cref="char.ToLowerInvariant"/> with a fast path for ASCII (the same result).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char LowerChar(char c) =>
        c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c | 0x20 : c) : char.ToLowerInvariant(c);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Exact(ReadOnlySpan<char> text)
    {
        var h = Seed ^ 0x5bd1e995UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= Prime;
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong a, ulong b) => Final(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Final(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }
}
