namespace Dyad.Web;

/// <summary>How <c>dyad serve</c> runs: where it listens, who may write, how big a request may be.</summary>
public sealed record ServeOptions
{
    /// <summary>The variable that holds the write token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "DYAD_TOKEN";

    public const string DefaultUrls = "http://127.0.0.1:5080";

    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The bearer token that allows <c>POST /api/documents</c>; null keeps the server read-only.</summary>
    public string? Token { get; init; }

    /// <summary>Largest request body accepted (bytes); larger ones get 413.</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>Compute the first view's whole-store aggregates when the server starts.</summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>Keep successful API answers to GET requests until the store changes (see <see cref="ResponseCache"/>).</summary>
    public bool ResponseCache { get; init; } = true;

    /// <summary>Log each request to the console (off in tests and load tests).</summary>
    public bool LogRequests { get; init; }
}
