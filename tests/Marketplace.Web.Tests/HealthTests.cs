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

/// <summary>
/// <c>/healthz</c> over a real socket on loopback, where probes on the machine itself (and the
/// administrators) see every check's figures and everyone else the overall status only.
/// </summary>
public class HealthTests(KestrelMarketplaceFactory site) : IClassFixture<KestrelMarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_reports_database_jobs_seeds_and_outbox_to_a_probe_on_the_machine()
    {
        using var client = site.CreateSocketClient();
        var response = await client.GetAsync("/healthz", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "database-writes", "jobs", "seeds", "outbox" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
        Assert.True(checks.GetProperty("outbox").GetProperty("data").TryGetProperty("pending", out _));
    }

    [Fact]
    public async Task A_probe_from_outside_through_the_proxy_gets_the_status_and_no_figures()
    {
        using var client = site.CreateSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        // The loopback proxy is trusted, so the client is the address it forwards.
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.TryGetProperty("checks", out _), "an outside probe sees the checks");
        Assert.Single(body.RootElement.EnumerateObject());
    }

    [Fact]
    public async Task Liveness_answers_without_checks()
    {
        using var client = site.CreateSocketClient();
        var response = await client.GetAsync("/healthz/live", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task No_answer_names_the_web_server(string path)
    {
        using var client = site.CreateSocketClient();
        var response = await client.GetAsync(path, Token);

        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
    }
}

/// <summary><c>/healthz</c> for callers that are neither on the machine nor on a known network.</summary>
public class HealthDetailTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_caller_from_elsewhere_gets_the_status_only()
    {
        // The in-process test server has no client address: nothing vouches for the caller.
        var response = await site.CreateBrowserClient().GetAsync("/healthz", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task An_administrator_gets_every_check_from_anywhere()
    {
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(client, "admin@demo.local", MarketplaceFactory.DemoPassword)).StatusCode);

        using var body = JsonDocument.Parse(await client.GetStringAsync("/healthz", Token));
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_producer_gets_the_status_only()
    {
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(client, "producer@demo.local", MarketplaceFactory.DemoPassword)).StatusCode);

        using var body = JsonDocument.Parse(await client.GetStringAsync("/healthz", Token));
        Assert.False(body.RootElement.TryGetProperty("checks", out _));
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
