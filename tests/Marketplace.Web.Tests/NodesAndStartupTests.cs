using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>A second node on the same database, for multi-node behaviour.</summary>
public sealed class SecondNode(string databaseFile) : MarketplaceFactory
{
    public override string DatabaseFile => databaseFile;
}

/// <summary>The site outside Development with no way to deliver mail.</summary>
public sealed class ProductionWithoutMail : MarketplaceFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Site:BaseUrl", "https://ferias.example.org");
        builder.UseSetting("Smtp:Host", "");
        builder.UseSetting("Mail:PickupDirectory", "");
    }
}

public class NodesAndStartupTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task A_sign_in_cookie_from_one_node_is_accepted_by_another_on_the_same_database()
    {
        var first = site.CreateBrowserClient();
        var signIn = await Forms.SignInAsync(first, "admin@demo.local", MarketplaceFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mp.auth=", StringComparison.Ordinal));
        Assert.True(await site.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));

        await using var second = new SecondNode(site.DatabaseFile);
        var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var response = await other.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Outside_development_an_empty_smtp_host_without_a_pickup_folder_stops_the_start()
    {
        using var production = new ProductionWithoutMail();

        var error = Assert.ThrowsAny<Exception>(() => production.Services);

        var root = error;
        while (root.InnerException is not null && root is not InvalidOperationException)
        {
            root = root.InnerException;
        }
        Assert.Contains("Smtp:Host", root.Message);
    }
}
