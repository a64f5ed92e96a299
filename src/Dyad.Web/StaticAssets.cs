using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Web;

/// <summary>The page's files (wwwroot, embedded in this assembly), served from memory with ETags.</summary>
internal static class StaticAssets
{
    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static IReadOnlyCollection<string> Paths => Assets.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var map = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("wwwroot/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            map[name["wwwroot".Length..].Replace('\\', '/')] = new Asset(bytes, TypeOf(name), etag);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string TypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext c) => Serve(c, "/index.html")).ExcludeFromDescription();
        app.MapGet("/{*path}", (HttpContext c, string path) => Serve(c, "/" + path)).ExcludeFromDescription();
    }

    private static Task Serve(HttpContext context, string path)
    {
        if (path.StartsWith("/api/", StringComparison.Ordinal) || !Assets.TryGetValue(path, out var asset))
        {
            return DyadServer.Problem(context, StatusCodes.Status404NotFound, $"no such resource: {Clip(path)}");
        }

        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        return response.Body.WriteAsync(asset.Bytes).AsTask();
    }

    private static string Clip(string path) => path.Length > 80 ? path[..80] + "..." : path;
}
