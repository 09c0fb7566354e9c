using System.Net;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.BookingPages;

/// <summary>The producer's pages are for signed-in producers only.</summary>
public class ProducerAreaAccessTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Theory]
    [InlineData("/Producer")]
    [InlineData("/Producer/Bookings/New?day=1")]
    [InlineData("/Producer/Bookings/Confirm?day=1")]
    [InlineData("/Producer/Bookings/1")]
    [InlineData("/Producer/Bookings/1/Items")]
    [InlineData("/Producer/Calendar")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await site.CreateBrowserClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_are_not_producers()
    {
        var client = site.CreateBrowserClient();
        await Forms.SignInAsync(client, "staff@demo.local", MarketplaceFactory.DemoPassword);

        var response = await client.GetAsync("/Producer", TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathOf().StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Anonymous_visitors_see_the_plain_stall_grid_without_a_booking_form()
    {
        var day = await BookingPagesSite.BookableDayAsync(site);
        var html = await site.CreateBrowserClient().GetStringAsync($"/Fairs/{day.Id}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("type=\"radio\"", html);
        Assert.Contains("<li class=\"free\">", html);
    }
}

internal static class UriPaths
{
    public static string PathOf(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
