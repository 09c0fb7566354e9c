using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// The absolute base address for links in e-mails: <c>Site:BaseUrl</c> when set (production
/// behind a proxy), else the current request's, else the first address the server listens on.
/// </summary>
public sealed class SiteUrl(IOptions<SiteOptions> options, IHttpContextAccessor http, IServiceProvider services)
{
    public string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return options.Value.BaseUrl.TrimEnd('/');
        }
        if (http.HttpContext?.Request is { } request && request.Host.HasValue)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/');
        }
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        return first is null ? "http://localhost:5000" : first.Replace("://+", "://localhost").Replace("://*", "://localhost").TrimEnd('/');
    }
}
