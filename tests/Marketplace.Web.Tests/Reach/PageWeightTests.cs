using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Reach;

/// <summary>
/// Every public page weighs at most 30 KB on the wire with its stylesheets on a first visit
/// (Accept-Encoding: br, gzip); public pages are compressed, pages with secrets are not; the
/// stylesheets are fingerprinted.
/// </summary>
public partial class PageWeightTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private const int Budget = 30 * 1024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<string>> PublicPagesAsync()
    {
        var dayId = await site.WithDbAsync(db => db.FairDays.Where(d => d.EndsAtUtc > DateTime.UtcNow)
            .OrderByDescending(d => db.Bookings.Count(b => b.FairDayId == d.Id)).Select(d => d.Id).FirstAsync(Ct));
        var producerId = await site.WithDbAsync(db => db.Producers.Where(p => p.DeletedAtUtc == null && p.UserId != null)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct));
        var pages = new List<string> { "/", "/Fairs", "/Fairs?organic=true", $"/Fairs/{dayId}", $"/Producers/{producerId}",
            $"/Fairs/{dayId}/Poster" };
        // Built in parallel by another slice: weighed as soon as it exists.
        if ((await site.CreateClient().GetAsync("/Subscribe", Ct)).StatusCode == HttpStatusCode.OK)
        {
            pages.Add("/Subscribe");
        }
        return pages;
    }

    [Fact]
    public async Task Every_public_page_with_its_stylesheets_weighs_at_most_30_KB_on_the_wire()
    {
        var client = site.CreateClient();
        var report = new List<string>();
        foreach (var path in await PublicPagesAsync())
        {
            var (pageBytes, encoding, html) = await FetchAsync(client, path);
            // A page with a form token (/Subscribe) is never compressed (BREACH): it must fit the budget as it is.
            var carriesSecret = html.Contains("__RequestVerificationToken", StringComparison.Ordinal);
            Assert.True(carriesSecret ? encoding is null or "" or "identity" : encoding is "br" or "gzip",
                $"{path} was sent with encoding '{encoding}'");
            var total = pageBytes;
            foreach (var href in StylesheetPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                total += (await FetchAsync(client, href)).Bytes;
            }
            report.Add($"{path}: {total:N0} bytes");
            Assert.True(total <= Budget, $"{path} weighs {total:N0} bytes with its CSS (budget {Budget:N0})");
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, report));
    }

    [Fact]
    public async Task The_site_stylesheet_is_linked_by_its_fingerprint()
    {
        var (_, _, html) = await FetchAsync(site.CreateClient(), "/");
        var hrefs = StylesheetPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(hrefs, h => FingerprintPattern().IsMatch(h));
    }

    [Fact]
    public async Task Pages_carrying_a_form_token_or_a_signed_in_person_are_not_compressed()
    {
        var anonymous = site.CreateBrowserClient();
        var (_, loginEncoding, _) = await FetchAsync(anonymous, "/Identity/Account/Login");
        Assert.Null(loginEncoding);

        var signedIn = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect,
            (await Forms.SignInAsync(signedIn, "producer@demo.local", MarketplaceFactory.DemoPassword)).StatusCode);
        var (_, homeEncoding, _) = await FetchAsync(signedIn, "/");
        Assert.Null(homeEncoding);
        var (_, dashboardEncoding, _) = await FetchAsync(signedIn, "/Producer");
        Assert.Null(dashboardEncoding);
    }

    [Fact]
    public async Task A_cached_public_page_is_served_to_each_visitor_in_an_encoding_it_accepts()
    {
        var client = site.CreateClient();
        // A search of its own, so that this test starts with nothing cached for it.
        var path = $"/Fairs?organic=true&q={Guid.NewGuid():N}";
        var first = await FetchAsync(client, path, "br, gzip");
        Assert.Equal("br", first.Encoding);

        foreach (var (accepts, expected) in new[]
        {
            ("gzip", "gzip"), (null, null), ("identity", null), ("gzip;q=1.0, br;q=0", "gzip"), ("deflate", null),
            ("br, gzip", "br"), ("gzip, deflate, br, zstd", "br"),
        })
        {
            var (_, encoding, html, age) = await FetchAsync(client, path, accepts);
            Assert.True(expected == encoding, $"Accept-Encoding '{accepts}' was answered in '{encoding}', not '{expected}'");
            Assert.Equal(first.Html, html);
            // The compressed page the first request left is kept: every later br answer comes from the cache.
            if (expected == "br")
            {
                Assert.True(age is not null, $"Accept-Encoding '{accepts}' was not answered from the cache");
            }
        }
    }

    private static async Task<(long Bytes, string? Encoding, string Html)> FetchAsync(HttpClient client, string path)
    {
        var (bytes, encoding, html, _) = await FetchAsync(client, path, "br, gzip");
        return (bytes, encoding, html);
    }

    private static async Task<(long Bytes, string? Encoding, string Html, TimeSpan? Age)> FetchAsync(HttpClient client,
        string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The test server hands over the body as sent: compressed bytes, not decoded ones.
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        var text = encoding switch
        {
            "br" => Decode(new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)),
            "gzip" => Decode(new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)),
            _ => System.Text.Encoding.UTF8.GetString(body),
        };
        return (body.LongLength + HeaderBytes(response), encoding, text, response.Headers.Age);
    }

    /// <summary>The response's headers count too: a slow link carries them as well.</summary>
    private static long HeaderBytes(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v.Length + 2));

    private static string Decode(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetPattern();

    [GeneratedRegex(@"^/css/site\.[a-z0-9]{6,}\.css$")]
    private static partial Regex FingerprintPattern();
}
