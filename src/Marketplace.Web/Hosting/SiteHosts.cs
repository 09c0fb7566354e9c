using Marketplace.Infrastructure.Mail;
using Microsoft.AspNetCore.HostFiltering;

namespace Marketplace.Web.Hosting;

/// <summary>
/// The host names the site answers to (any other Host header gets a 400 before anything runs):
/// the host of <c>Site:BaseUrl</c>, the loopback names (probes and tools on the machine itself),
/// and any extra name an operator lists in <c>AllowedHosts</c>. In Development without a base
/// address, the loopback names only.
/// </summary>
public static class SiteHosts
{
    public static void AddMarketplaceHostFiltering(this WebApplicationBuilder builder)
    {
        var hosts = For(builder.Configuration);
        // After the web host's own PostConfigure, which reads AllowedHosts and would let any host in.
        builder.Services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = hosts);
    }

    public static List<string> For(IConfiguration configuration)
    {
        var hosts = new List<string>(SiteUrl.LoopbackHosts);
        var baseUrl = configuration[$"{SiteOptions.Section}:{nameof(SiteOptions.BaseUrl)}"];
        if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var site))
        {
            hosts.Add(site.IdnHost);
        }
        var extra = configuration["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        hosts.AddRange(extra);
        return hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
