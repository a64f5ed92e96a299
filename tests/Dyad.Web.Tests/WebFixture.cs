using Dyad.Storage;
using Microsoft.AspNetCore.Builder;

namespace Dyad.Web.Tests;

/// <summary>
/// A SQLite store with the test corpus, served by the real app on Kestrel at a free loopback port
/// (shared by the tests of a collection; started once).
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string Token = "test-token-7f3a";
    public const long MaxRequestBytes = 64 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dyad-web-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public IStore Store { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Ids of the seven monthly Russia–China articles, oldest first.</summary>
    public IReadOnlyList<string> MonthlyIds { get; private set; } = [];

    public string GasDealId { get; private set; } = "";

    public string HostileId { get; private set; } = "";

    public int DocumentCount { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Store = Dyad.Storage.Store.OpenSqlite(Path.Combine(_folder, "web.db"));
        var monthly = Corpus.Relationship();
        var gas = Corpus.GasDeal();
        var hostile = Corpus.Hostile();
        var all = monthly.Append(gas).Append(hostile).ToList();
        var saved = Store.Save(all);
        if (saved.Failed.Count > 0)
        {
            throw new InvalidOperationException("fixture refused: " + string.Join("; ", saved.Failed.Select(f => f.Reason)));
        }

        MonthlyIds = [.. monthly.Select(a => a.Id)];
        GasDealId = gas.Id;
        HostileId = hostile.Id;
        DocumentCount = all.Count;

        _app = DyadServer.Build(Store, new ServeOptions { Urls = "http://127.0.0.1:0", Token = Token, MaxRequestBytes = MaxRequestBytes });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Store?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
