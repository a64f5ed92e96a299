using System.CommandLine;
using Dyad.Web;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad serve</c>: the HTTP API and the web page over a store (issue 11).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {ServeOptions.DefaultUrls}; several separated by ';').", DefaultValueFactory = _ => ServeOptions.DefaultUrls };
        var token = new Option<string?>("--token") { Description = $"Bearer token that allows POST /api/documents (or set {ServeOptions.TokenVariable}); without one the server is read-only." };
        var maxBody = new Option<int>("--max-request-kb") { Description = "Largest request body accepted, in KiB (default 1024).", DefaultValueFactory = _ => 1024 };
        var log = new Option<bool>("--log") { Description = "Log every request to the console." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not keep API answers between requests (they are kept until the store changes otherwise)." };
        var command = new Command("serve", "Serve the HTTP API (/api, OpenAPI at /api/openapi.json) and the web page over a store.");
        store.AddTo(command);
        command.Options.Add(urls);
        command.Options.Add(token);
        command.Options.Add(maxBody);
        command.Options.Add(log);
        command.Options.Add(noCache);
        command.SetAction(result =>
        {
            if (result.GetValue(maxBody) is < 1 or > 1024 * 1024)
            {
                Console.Error.WriteLine("dyad: --max-request-kb must be between 1 and 1048576");
                return 2;
            }

            using var opened = store.Open(result);
            if (opened is null)
            {
                return 1;
            }

            var secret = result.GetValue(token);
            if (string.IsNullOrWhiteSpace(secret))
            {
                secret = Environment.GetEnvironmentVariable(ServeOptions.TokenVariable);
            }

            var options = new ServeOptions
            {
                Urls = result.GetValue(urls) ?? ServeOptions.DefaultUrls,
                Token = string.IsNullOrWhiteSpace(secret) ? null : secret.Trim(),
                MaxRequestBytes = result.GetValue(maxBody) * 1024L,
                LogRequests = result.GetValue(log),
                ResponseCache = !result.GetValue(noCache),
            };
            try
            {
                var app = DyadServer.Build(opened, options);
                Console.Error.WriteLine($"dyad: serving {opened.Description} at {options.Urls} ({(options.Token is null ? "read-only" : "POST /api/documents allowed with the token")}); Ctrl+C stops");
                app.Run();
                return 0;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"dyad: cannot listen at {options.Urls}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
