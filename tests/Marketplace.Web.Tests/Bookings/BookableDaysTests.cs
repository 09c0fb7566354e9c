using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>"Open for booking" on the producer's page: its own region's fairs, nearest first, others on request.</summary>
public class BookableDaysTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_producer_sees_its_own_regions_fairs_nearest_first_with_the_distance_and_others_on_request()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var client = await SignedInAsync(site, producer.Email);

        var own = await client.GetStringAsync("/Producer", Token);
        var open = Section(own);
        Assert.Contains("Mercado Dominical de Huancavelica", open);
        Assert.DoesNotContain("PR-445", open);
        Assert.Matches("Huancavelica</span> · a 0 km", open);
        var distances = System.Text.RegularExpressions.Regex.Matches(open, "· a (\\d+) km").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(distances);
        Assert.Equal(distances.Order(), distances);
        Assert.Contains("href=\"/Producer?all=true\"", own);

        var all = Section(await client.GetStringAsync("/Producer?all=true", Token));
        Assert.Contains("PR-445", all);
        Assert.Contains("Solo las ferias de mi región", all);
    }

    [Fact]
    public async Task Another_regions_fair_that_needs_approval_says_so_instead_of_offering_an_application_it_would_refuse()
    {
        var producer = await CreateProducerAsync(site, Huancavelica);
        var seriesId = await site.WithDbAsync(db => db.FairSeries.Where(s => s.Name.Contains("PR-445")).Select(s => s.Id).FirstAsync(Token));
        await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == seriesId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RequiresApproval, true), Token));
        try
        {
            var client = await SignedInAsync(site, producer.Email);
            var all = Section(await client.GetStringAsync("/Producer?all=true", Token));

            var days = all.Split("<li>").Where(li => li.Contains("PR-445", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(days);
            Assert.All(days, li =>
            {
                Assert.Contains("solo admite a productores aprobados de la región que la organiza", li);
                Assert.DoesNotContain("handler=Apply", li);
                Assert.DoesNotContain("/Producer/Bookings/New", li);
            });
        }
        finally
        {
            await site.WithDbAsync(db => db.FairSeries.Where(s => s.Id == seriesId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RequiresApproval, false), Token));
        }
    }

    /// <summary>The "open for booking" section of the page.</summary>
    private static string Section(string page)
    {
        var start = page.IndexOf("Ferias abiertas para reservar", StringComparison.Ordinal);
        Assert.True(start >= 0, "no open-for-booking section");
        var end = page.IndexOf("</section>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
