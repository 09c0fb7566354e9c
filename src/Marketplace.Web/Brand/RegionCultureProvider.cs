using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Localization;

namespace Marketplace.Web.Brand;

/// <summary>
/// The last say on the language: the default language of the page's region
/// (<see cref="PageRegion"/>) — Spanish for Huancavelica, Portuguese for Paraná — used only when
/// neither the language switch's cookie nor the browser's Accept-Language named a supported one.
/// </summary>
public sealed class RegionCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        // Static files and health checks need no language; sparing them the database lookup.
        if (Path.HasExtension(httpContext.Request.Path.Value) || httpContext.Request.Path.StartsWithSegments("/healthz"))
        {
            return null;
        }
        var brand = await httpContext.RequestServices.GetRequiredService<PageRegion>().ForAsync(httpContext);
        return brand is null ? null : new ProviderCultureResult(SupportedCultures.Normalize(brand.DefaultCulture));
    }
}
