namespace Marketplace.Web.Hosting;

/// <summary>
/// Security headers on every response. Pages use no inline script or style, so the policy
/// allows only the site's own files; the Hangfire dashboard (admins only) needs its inline code.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<MapOptions> map)
{
    // Map tiles are the only images from elsewhere (Map:TileUrl).
    private readonly string _sitePolicy =
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{(map.Value.TileOrigin() is { } tiles ? " " + tiles : "")}; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var dashboard = context.Request.Path.StartsWithSegments("/hangfire");
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = dashboard ? DashboardPolicy : _sitePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
