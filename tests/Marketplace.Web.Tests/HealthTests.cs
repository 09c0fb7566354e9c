using System.Net;
using System.Text.Json;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

public class HealthTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Readiness_reports_database_jobs_seeds_and_outbox()
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "jobs", "seeds", "outbox" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Liveness_answers_without_checks()
    {
        var client = site.CreateBrowserClient();
        var response = await client.GetAsync("/healthz/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
