using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The site on a real Kestrel port on loopback, for tests that must cross real HTTP.</summary>
public class KestrelMarketplaceFactory : MarketplaceFactory
{
    public KestrelMarketplaceFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A plain HttpClient over the socket, with its own cookie jar and no auto-redirect.</summary>
    public HttpClient CreateSocketClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = BaseAddress,
        };
}
