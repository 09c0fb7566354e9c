using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// The absolute base address of every link the site sends — e-mails, calendar feeds, QR codes,
/// structured data: <c>Site:BaseUrl</c>. It is never taken from a request's Host header, which
/// anyone can forge (a password-reset mail asked for with <c>Host: evil.example</c> must not point
/// there). Outside Development the setting is required at start (<see cref="SiteOptions.Require"/>);
/// in Development without it, a request to a loopback name keeps its own address (so both
/// <c>localhost</c> and <c>127.0.0.1</c> work), anything else gets the address the server listens on.
/// </summary>
public sealed class SiteUrl(IOptions<SiteOptions> options, IHttpContextAccessor http, IServiceProvider services)
{
    public string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return options.Value.BaseUrl.TrimEnd('/');
        }
        if (http.HttpContext?.Request is { } request && IsLoopback(request.Host.Host))
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        return first is null ? "http://localhost:5000" : first.Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
    }

    /// <summary>The host names every loopback client may use: <c>localhost</c> and the loopback addresses.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
