namespace Marketplace.Web.Hosting;

/// <summary>The <c>Proxy</c> settings section: which reverse proxies may set X-Forwarded-*.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";
    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>. Loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Trusted proxy networks in CIDR form, e.g. <c>172.18.0.0/16</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
