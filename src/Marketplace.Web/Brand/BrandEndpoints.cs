using Marketplace.Domain.Regions;
using Marketplace.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Brand;

/// <summary>
/// The brand's files. <c>/brand/{rrggbb}.css</c> sets the colour variables (the site's policy
/// allows no inline style) and depends on nothing but its name; <c>/brand/logo/{fileId}</c> is a
/// region's logo, whose id changes whenever it is replaced. Both can be cached for a year.
/// </summary>
public static class BrandEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>The stylesheet that paints the header in <paramref name="primaryColor"/>.</summary>
    public static string StylesheetPath(string primaryColor) =>
        $"/brand/{(BrandColor.TryParse(primaryColor, out var c) ? c.ToString() : Infrastructure.Mail.MailBrand.DefaultColor)[1..]}.css";

    public static string LogoPath(Guid fileId) => $"/brand/logo/{fileId:N}";

    public static IEndpointRouteBuilder MapBrand(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/brand/{color:regex(^[0-9a-f]{{6}}$)}.css", (string color, HttpContext context) =>
        {
            var brand = BrandColor.Parse("#" + color);
            context.Response.Headers.CacheControl = Immutable;
            return Results.Text($":root{{--brand:{brand};--brand-text:{brand.TextColor}}}", "text/css; charset=utf-8");
        });
        endpoints.MapGet("/brand/logo/{fileId:guid}", async (Guid fileId, HttpContext context, MarketplaceDbContext db,
            CancellationToken cancellationToken) =>
        {
            // Only a file some region wears as its logo: never a producer's photo or document.
            var logo = await db.StoredFiles.AsNoTracking()
                .Where(f => f.Id == fileId && db.Regions.Any(r => r.LogoFileId == f.Id))
                .Select(f => new { f.Content, f.ContentType })
                .SingleOrDefaultAsync(cancellationToken);
            if (logo is null)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = Immutable;
            return Results.Bytes(logo.Content, logo.ContentType, entityTag: new EntityTagHeaderValue($"\"{fileId:N}\""));
        });
        return endpoints;
    }
}
