using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dyad.Web;

/// <summary>
/// The web server of <c>dyad serve</c>: the JSON API under /api and the page (embedded static files),
/// over one opened store. Read-only unless a write token is configured.
/// </summary>
public static class DyadServer
{
    /// <summary>Every response carries this policy: the page's own scripts only, no inline script, no plugins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    internal static readonly JsonSerializerOptions Json = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.Encoder = JavaScriptEncoder.Default;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return o;
    }

    /// <summary>Builds the app (not started). The store stays owned by the caller.</summary>
    public static WebApplication Build(IStore store, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DyadServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
        });
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        }

        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Dyad API";
            doc.Info.Description = "Read-only JSON over a Dyad store: documents with their spans, merged events, quotes, entities, dyads and pair timelines. " +
                "Paging: limit (1..500, default 50) and offset (0..10000); next_offset is null on the last page. Bad parameters answer 400 with a reason, unknown ids 404. " +
                "POST /api/documents needs 'Authorization: Bearer <token>' (dyad serve --token or DYAD_TOKEN).";
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);

        var app = builder.Build();
        app.Use(Guard);
        if (options.ResponseCache && store is IBrowsableStore browsable)
        {
            app.Use(new ResponseCache(browsable.Generation).Handle);
        }

        app.MapOpenApi("/api/openapi.json");
        var warm = Api.Map(app, store, options);
        StaticAssets.Map(app);
        if (options.WarmUp)
        {
            app.Lifetime.ApplicationStarted.Register(() => Task.Run(() =>
            {
                try
                {
                    warm();
                }
                catch (StoreException)
                {
                    // The first visitor gets the error with its reason instead.
                }
            }));
        }

        return app;
    }

    /// <summary>Security headers on every response, and errors turned into JSON with a reason.</summary>
    private static async Task Guard(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        try
        {
            await next().ConfigureAwait(false);
        }
        catch (BadParameterException ex) when (!context.Response.HasStarted)
        {
            await Problem(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await Problem(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (StoreException ex) when (!context.Response.HasStarted)
        {
            await Problem(context, StatusCodes.Status503ServiceUnavailable, ex.Message).ConfigureAwait(false);
        }
    }

    internal static Task Problem(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(reason), Json);
    }
}
