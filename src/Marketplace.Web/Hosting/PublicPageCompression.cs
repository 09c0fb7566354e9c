using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Hosting;

/// <summary>
/// Compresses HTML, CSS, JSON and feeds only when the response carries no secret. BREACH reads
/// a secret out of a compressed HTTPS response by reflecting guesses into it and watching its
/// length; that needs a secret (an antiforgery token, personal data) and attacker-chosen text in
/// the same body. So nothing is compressed for a signed-in visitor, and nothing marked
/// <c>no-store</c> — which the antiforgery system sets on every response with a token, and
/// private files set for themselves. What remains, the anonymous public pages, is compressed over
/// HTTPS too (<see cref="ResponseCompressionOptions.EnableForHttps"/>).
/// </summary>
public sealed class PublicPageCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public static void Configure(ResponseCompressionOptions options)
    {
        options.EnableForHttps = true;
        options.Providers.Add<BrotliCompressionProvider>();
        options.Providers.Add<GzipCompressionProvider>();
        options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/calendar", "application/geo+json", "image/svg+xml"]);
    }

    public override bool ShouldCompressResponse(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && !context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
        && base.ShouldCompressResponse(context);
}
