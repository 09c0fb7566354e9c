using System.Net;
using System.Text.Json;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Health;

/// <summary>The <c>Health</c> settings section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose probes see every check's detail, beside
    /// loopback; everyone else but administrators sees the overall status only.
    /// </summary>
    public List<string> DetailNetworks { get; set; } = [];
}

/// <summary>
/// Writes <c>/healthz</c>: the overall status for anyone (what a load balancer needs), and each
/// check with its figures (jobs, mail backlog) only to administrators and to probes from loopback
/// or <see cref="HealthOptions.DetailNetworks"/> — the figures tell an outsider how busy and how
/// far behind the site is.
/// </summary>
public sealed class HealthDetail(IOptions<HealthOptions> options)
{
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.DetailNetworks.Select(IPNetwork.Parse).ToList();

    public async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = await MaySeeDetailAsync(context)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                }),
            }
            : new { status = report.Status.ToString() };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private async Task<bool> MaySeeDetailAsync(HttpContext context)
    {
        // After the forwarded headers: behind a proxy this is the client's address, not the proxy's.
        if (context.Connection.RemoteIpAddress is { } address)
        {
            var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            if (IPAddress.IsLoopback(client) || _networks.Any(n => n.Contains(client)))
            {
                return true;
            }
        }
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, Policies.Admin)).Succeeded;
    }
}
