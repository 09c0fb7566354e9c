using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

/// <summary>The job dashboard over a real Kestrel port: administrators only.</summary>
public class HangfireDashboardTests(KestrelMarketplaceFactory site) : IClassFixture<KestrelMarketplaceFactory>
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = site.CreateSocketClient();
        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_producer_is_denied()
    {
        using var client = site.CreateSocketClient();
        var signIn = await Forms.SignInAsync(client, "producer@demo.local", MarketplaceFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.PathAndQuery.StartsWith("/Identity/Account/AccessDenied")),
            $"got {(int)response.StatusCode} {response.Headers.Location}");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Marketplace jobs", body);
    }

    [Fact]
    public async Task The_administrator_sees_the_dashboard()
    {
        using var client = site.CreateSocketClient();
        var signIn = await Forms.SignInAsync(client, "admin@demo.local", MarketplaceFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Marketplace jobs", body);
        var recurring = await client.GetStringAsync("/hangfire/recurring", TestContext.Current.CancellationToken);
        Assert.Contains("materialize-fair-days", recurring);
        Assert.Contains("send-outbox-messages", recurring);
    }
}
