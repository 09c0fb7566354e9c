using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Domain.Fairs;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>The site as in production: HTTPS, its public address in <c>Site:BaseUrl</c>, demo data.</summary>
public sealed class ProductionSite : MarketplaceFactory
{
    public const string PublicAddress = "https://ferias.example.org";

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Site:BaseUrl", PublicAddress);
    }

    /// <summary>A browser on <paramref name="address"/> (any host the test server is asked for).</summary>
    public HttpClient BrowserOn(string address) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(address),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
}

/// <summary>Production without its public address: the start must stop.</summary>
public sealed class ProductionWithoutAddress(string? baseUrl) : MarketplaceFactory
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Site:BaseUrl", baseUrl ?? "");
    }
}

/// <summary>
/// Every absolute link the site sends is built from <c>Site:BaseUrl</c>, never from the Host header
/// a request brings, and the site answers only to its own host: a forged Host cannot turn a genuine
/// password-reset e-mail into a link to the forger.
/// </summary>
public class SiteAddressTests(ProductionSite site) : IClassFixture<ProductionSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/Identity/Account/ForgotPassword")]
    [InlineData("/healthz")]
    public async Task A_request_for_another_host_is_refused_before_anything_runs(string path)
    {
        var response = await site.BrowserOn("https://evil.example").GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://ferias.example.org")]
    [InlineData("https://localhost")]
    [InlineData("https://127.0.0.1")]
    public async Task The_sites_own_host_and_the_loopback_names_are_answered(string address)
    {
        var response = await site.BrowserOn(address).GetAsync("/About", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_asked_through_another_name_links_to_the_sites_address()
    {
        var client = site.BrowserOn("https://localhost");
        var posted = await Forms.PostAsync(client, "/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "producer@demo.local" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var mail = await site.WaitForMailAsync("producer@demo.local", Token);
        var links = Regex.Matches(mail.TextBody ?? "", @"https?://[^\s""<>]+").Select(m => m.Value).ToList();
        Assert.Contains(links, l => l.StartsWith($"{ProductionSite.PublicAddress}/Identity/Account/ResetPassword?", StringComparison.Ordinal));
        Assert.All(links, l => Assert.StartsWith(ProductionSite.PublicAddress + "/", l));
        Assert.EndsWith("@ferias.example.org>", mail.Headers[HeaderId.MessageId]);
    }

    [Fact]
    public async Task A_fair_days_structured_data_feed_and_poster_link_to_the_sites_address()
    {
        var id = await site.WithDbAsync(db => db.FairDays.Where(d => d.Status == FairDayStatus.Scheduled)
            .OrderBy(d => d.StartsAtUtc).Select(d => d.Id).FirstAsync(Token));
        var client = site.BrowserOn("https://localhost");

        var page = await client.GetStringAsync($"/Fairs/{id}", Token);
        Assert.Contains($"\"url\":\"{ProductionSite.PublicAddress}/Fairs/{id}\"", page);
        var feed = await client.GetStringAsync("/calendar.ics", Token);
        Assert.Contains($"URL:{ProductionSite.PublicAddress}/Fairs/", feed);
        Assert.DoesNotContain("localhost", feed);
        var api = await client.GetStringAsync("/api/fairs", Token);
        Assert.Contains($"\"url\":\"{ProductionSite.PublicAddress}/Fairs/", api);
        Assert.DoesNotContain("localhost", api);
    }

    [Fact]
    public void Without_a_request_host_to_trust_the_address_is_the_configured_one_or_a_loopback_one()
    {
        var forged = new DefaultHttpContext();
        forged.Request.Scheme = "http";
        forged.Request.Host = new HostString("evil.example");
        var accessor = new HttpContextAccessor { HttpContext = forged };

        var configured = new SiteUrl(Options.Create(new SiteOptions { BaseUrl = "https://ferias.example.org/" }), accessor, site.Services);
        Assert.Equal("https://ferias.example.org", configured.Base());

        // Development without Site:BaseUrl: a forged host is never the base of a link.
        var development = new SiteUrl(Options.Create(new SiteOptions()), accessor, site.Services);
        Assert.DoesNotContain("evil.example", development.Base());
        forged.Request.Host = new HostString("127.0.0.1", 5100);
        Assert.Equal("http://127.0.0.1:5100", development.Base());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ferias.example.org")]
    [InlineData("ftp://ferias.example.org")]
    [InlineData("https://ferias.example.org/?x=1")]
    public void Outside_development_a_missing_or_unusable_site_address_stops_the_start(string? baseUrl)
    {
        using var production = new ProductionWithoutAddress(baseUrl);

        var error = Assert.ThrowsAny<Exception>(() => production.Services);

        var root = error;
        while (root.InnerException is not null && root is not InvalidOperationException)
        {
            root = root.InnerException;
        }
        Assert.Contains("Site:BaseUrl", root.Message);
    }
}

/// <summary>Development: the site answers to loopback names only, and links never take a forged host.</summary>
public class DevelopmentSiteAddressTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task A_password_reset_asked_with_a_forged_host_is_refused_and_sends_nothing()
    {
        var client = site.CreateBrowserClient();
        var form = await client.GetStringAsync("/Identity/Account/ForgotPassword", TestContext.Current.CancellationToken);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var before = Directory.Exists(site.MailDirectory) ? Directory.GetFiles(site.MailDirectory).Length : 0;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "producer@demo.local",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var after = Directory.Exists(site.MailDirectory) ? Directory.GetFiles(site.MailDirectory).Length : 0;
        Assert.Equal(before, after);
    }
}
