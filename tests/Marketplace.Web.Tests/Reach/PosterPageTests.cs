using System.Net;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Reach;

/// <summary>The printable posters of a fair day and of a series (the QR code is read back in the browser tests).</summary>
public class PosterPageTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fair_days_poster_is_an_A4_page_with_date_place_hours_and_a_QR_code()
    {
        var day = await site.WithDbAsync(db => db.FairDays.Include(d => d.Venue).Include(d => d.FairSeries)
            .Where(d => d.EndsAtUtc > DateTime.UtcNow && d.Venue!.Municipality!.Region!.Code == "huancavelica").OrderBy(d => d.StartsAtUtc).FirstAsync(Ct));
        var client = site.CreateClient();

        var fairPage = await client.GetStringAsync($"/Fairs/{day.Id}", Ct);
        Assert.Contains($"href=\"/Fairs/{day.Id}/Poster\"", fairPage);
        Assert.Contains($"href=\"/Fairs/Series/{day.FairSeriesId}/Poster\"", fairPage);

        var poster = WebUtility.HtmlDecode(await client.GetStringAsync($"/Fairs/{day.Id}/Poster", Ct));
        // Huancavelica's language, as nobody chose another.
        Assert.Contains("<html lang=\"es\">", poster);
        Assert.Contains(day.FairSeries!.Name, poster);
        Assert.Contains(day.Venue!.Name, poster);
        Assert.Contains(day.Date.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("es")), poster);
        Assert.Contains("<svg", poster);
        Assert.Contains($"/Fairs/{day.Id}</span>", poster);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/css/poster\\.[a-z0-9]+\\.css\">", poster);

        var css = await client.GetStringAsync("/css/poster.css", Ct);
        Assert.Contains("@page{size:A4", css);
        Assert.Contains("@media print", css);
    }

    [Fact]
    public async Task A_series_poster_lists_its_coming_days_and_unknown_ids_are_404()
    {
        var seriesId = await site.WithDbAsync(db => db.FairSeries.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
        var client = site.CreateClient();

        var poster = await client.GetStringAsync($"/Fairs/Series/{seriesId}/Poster", Ct);
        Assert.Contains("class=\"poster-days\"", poster);
        Assert.Contains("<svg", poster);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Fairs/999999/Poster", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Fairs/Series/999999/Poster", Ct)).StatusCode);
    }
}
