using System.Net;
using System.Text.Json;
using Marketplace.Web.Health;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        foreach (var name in new[] { "database", "database-writes", "jobs", "seeds", "outbox" })
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

/// <summary>The site with a clock the test moves, to let the write probe's answer expire.</summary>
public sealed class ClockedSite : MarketplaceFactory
{
    public AdjustableClock Clock { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
}

public class DatabaseWritesHealthTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task Readiness_is_unhealthy_while_the_database_refuses_writes_and_healthy_again_once_it_takes_them()
    {
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        // Another process holds SQLite's write lock: reads (and the connection check) still pass.
        await using (var holder = new SqliteConnection($"Data Source={site.DatabasePath}"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            site.Clock.Advance(DatabaseWritesHealthCheck.ProbeEvery);

            var refused = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // The failed answer is kept until the next probe, which then writes again.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        site.Clock.Advance(DatabaseWritesHealthCheck.ProbeEvery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }
}
