using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Marketplace.Web.Tests;

/// <summary>The site with a tight limit on account posts.</summary>
public sealed class TightLimitFactory : MarketplaceFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder) =>
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "3");
}

public class RateLimitTests(TightLimitFactory site) : IClassFixture<TightLimitFactory>
{
    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/ForgotPassword")]
    [InlineData("/Subscribe")]
    public async Task Repeated_account_posts_are_refused_with_429_while_the_form_still_loads(string path)
    {
        var client = site.CreateBrowserClient();
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = $"x{Guid.NewGuid():N}@example.org",
            ["Input.Password"] = "wrong-password-1",
            ["Input.ConfirmPassword"] = "wrong-password-1",
        };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Forms.PostAsync(client, path, fields)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }
}
