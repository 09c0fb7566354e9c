using Hangfire;
using Hangfire.Dashboard;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Web.Api;
using Marketplace.Web.Brand;
using Marketplace.Web.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Web.Hosting;

public static class PipelineExtensions
{
    public static WebApplication UseMarketplacePipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<AdmissionMiddleware>(app.Configuration.GetSection(AdmissionOptions.Section).Get<AdmissionOptions>()
            ?? new AdmissionOptions());
        app.UseStatusCodePagesWithReExecute("/StatusCode/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        // Inside the output cache, so that a cached page is kept compressed (one entry per
        // encoding, PublicCache) instead of being compressed again for every visitor it is served to.
        app.UseResponseCompression();
        return app;
    }

    public static WebApplication MapMarketplaceEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapFairsApi();
        app.MapBrand();

        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = app.Services.GetRequiredService<HealthDetail>().WriteAsync,
        });
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });

        // The endpoint policy decides who may see the dashboard; Hangfire's own filter
        // (local requests only) would both let in any local user and lock out remote admins.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            AppPath = "/",
            DashboardTitle = "Marketplace jobs",
        }).RequireAuthorization(Policies.Admin);

        RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());
        return app;
    }
}
