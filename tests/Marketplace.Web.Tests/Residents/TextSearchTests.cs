using System.Text.Json;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Residents;

/// <summary>
/// The text search forgives what people type on a phone, and a combined filter means one producer.
/// Totals come from <c>/api/fairs</c> (the same query as the pages).
/// </summary>
public class TextSearchTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(int Total, List<int> Ids)> FindAsync(string query)
    {
        var json = await site.CreateBrowserClient().GetStringAsync($"/api/fairs?pageSize=100&{query}", Token);
        using var doc = JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("total").GetInt32(),
            doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList());
    }

    [Theory]
    [InlineData("Huancavelica", "huancavelica", "HUANCAVELICA", "huancavélica")]
    [InlineData("Maíz", "maiz", "MAIZ", "maíz")]
    [InlineData("Ecológica", "ecologica", "ECOLOGICA", "ecológica,")]
    [InlineData("Yauli", "yauli", "YAULI", "yaulí")]
    [InlineData("quinua", "quinoa", "Quinua", "quin")]
    [InlineData("papa", "batata", "potato", "Papa nativa")]
    [InlineData("Feria Huancavelica", "huancavelica feria", "feria, huancavelica", "FERIA   HUANCAVELICA")]
    public async Task Case_accents_punctuation_word_order_prefixes_and_synonyms_never_change_the_answer(
        string written, string lower, string capitals, string other)
    {
        var expected = await FindAsync("q=" + Uri.EscapeDataString(written));

        Assert.True(expected.Total > 0, $"'{written}' finds nothing");
        foreach (var typed in new[] { lower, capitals, other })
        {
            var found = await FindAsync("q=" + Uri.EscapeDataString(typed));
            Assert.True(expected.Total == found.Total, $"'{typed}' finds {found.Total}, '{written}' finds {expected.Total}");
            Assert.Equal(expected.Ids, found.Ids);
        }
    }

    [Fact]
    public async Task Every_word_must_match_something()
    {
        var town = await FindAsync("q=huancavelica");
        var nonsense = await FindAsync("q=huancavelica%20zzyzx");

        Assert.True(town.Total > 0);
        Assert.Equal(0, nonsense.Total);
    }

    [Fact]
    public async Task Organic_with_a_product_means_a_certified_producer_who_brings_that_product()
    {
        var (dayId, date, quinoa, seller, certified) = await site.WithDbAsync<(int, DateOnly, int, int, int)>(async db =>
        {
            var now = DateTime.UtcNow;
            var holding = Booking.HoldingStatuses.ToList();
            var day = await db.FairDays
                .Where(d => d.Status == FairDayStatus.Scheduled && d.StartsAtUtc > now
                    && db.Bookings.Where(b => b.FairDayId == d.Id && holding.Contains(b.Status)).Select(b => b.ProducerId).Distinct().Count() >= 2)
                .OrderBy(d => d.StartsAtUtc).FirstAsync(Token);
            var producers = await db.Bookings.Where(b => b.FairDayId == day.Id && holding.Contains(b.Status))
                .Select(b => b.ProducerId).Distinct().OrderBy(id => id).ToListAsync(Token);
            var quinoa = await db.ProductCategories.SingleAsync(c => c.Code == "quinoa", Token);
            // Nobody on the day sells or brings quinoa, and nobody is certified...
            await db.ProducerProducts.Where(pp => producers.Contains(pp.ProducerId) && pp.ProductCategoryId == quinoa.Id).ExecuteDeleteAsync(Token);
            var dayBookings = db.Bookings.Where(b => b.FairDayId == day.Id).Select(b => b.Id);
            await db.Set<BookingItem>().Where(i => i.ProductCategoryId == quinoa.Id && dayBookings.Contains(i.BookingId)).ExecuteDeleteAsync(Token);
            await db.Certifications.Where(c => producers.Contains(c.ProducerId)).ExecuteDeleteAsync(Token);
            // ...but one producer sells quinoa, uncertified, and another is certified without quinoa.
            db.ProducerProducts.Add(new ProducerProduct { ProducerId = producers[0], ProductCategoryId = quinoa.Id });
            db.Certifications.Add(Organic(producers[1]));
            await db.SaveChangesAsync(Token);
            return (day.Id, day.Date, quinoa.Id, producers[0], producers[1]);
        });
        var on = $"from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}";

        Assert.Contains(dayId, (await FindAsync($"{on}&product={quinoa}")).Ids);
        Assert.Contains(dayId, (await FindAsync($"{on}&organic=true")).Ids);
        Assert.DoesNotContain(dayId, (await FindAsync($"{on}&product={quinoa}&organic=true")).Ids);
        Assert.DoesNotContain(dayId, (await FindAsync($"{on}&q=quinua&organic=true")).Ids);

        await site.WithDbAsync(async db =>
        {
            db.Certifications.Add(Organic(seller));
            await db.SaveChangesAsync(Token);
        });
        // A new address each, so the output cache answers none of them.
        Assert.Contains(dayId, (await FindAsync($"{on}&product={quinoa}&organic=true&page=1")).Ids);
        Assert.Contains(dayId, (await FindAsync($"{on}&q=quinua&organic=true&page=1")).Ids);
        Assert.NotEqual(seller, certified);
    }

    [Fact]
    public async Task A_producer_is_found_by_any_word_of_its_name_as_typed_and_by_its_new_name_once_renamed()
    {
        var (dayId, producerId) = await site.WithDbAsync<(int, int)>(async db =>
        {
            var now = DateTime.UtcNow;
            var holding = Booking.HoldingStatuses.ToList();
            var booking = await db.Bookings
                .Where(b => holding.Contains(b.Status) && b.FairDay!.StartsAtUtc > now && b.FairDay.Status == FairDayStatus.Scheduled)
                .OrderBy(b => b.FairDay!.StartsAtUtc).FirstAsync(Token);
            var producer = await db.Producers.SingleAsync(p => p.Id == booking.ProducerId, Token);
            producer.DisplayName = "Asociación de Zapallos Quillpa-Ñahuin";
            await db.SaveChangesAsync(Token);
            return (booking.FairDayId, producer.Id);
        });

        foreach (var typed in new[] { "quillpa", "QUILLPA", "nahuin", "Ñahuín", "zapa", "quillpa nahuin" })
        {
            Assert.Contains(dayId, (await FindAsync("q=" + Uri.EscapeDataString(typed))).Ids);
        }
        Assert.Equal(["asociacion", "de", "nahuin", "quillpa", "zapallos"],
            await site.WithDbAsync(db => db.ProducerSearchTerms.Where(t => t.ProducerId == producerId)
                .OrderBy(t => t.Term).Select(t => t.Term).ToListAsync(Token)));

        await site.WithDbAsync(async db =>
        {
            var producer = await db.Producers.SingleAsync(p => p.Id == producerId, Token);
            producer.DisplayName = "Huerto Wiñay";
            await db.SaveChangesAsync(Token);
        });

        // New addresses (page=1), so the output cache answers none of them.
        Assert.Equal(0, (await FindAsync("q=quillpa&page=1")).Total);
        Assert.Contains(dayId, (await FindAsync("q=winay&page=1")).Ids);
        Assert.Equal(["huerto", "winay"],
            await site.WithDbAsync(db => db.ProducerSearchTerms.Where(t => t.ProducerId == producerId)
                .OrderBy(t => t.Term).Select(t => t.Term).ToListAsync(Token)));
    }

    [Fact]
    public async Task Every_producer_has_the_terms_of_its_name()
    {
        var (producers, missing) = await site.WithDbAsync(async db => (
            await db.Producers.CountAsync(p => p.SearchName != null && p.SearchName != "", Token),
            await db.Producers.CountAsync(p => p.SearchName != null && p.SearchName != ""
                && !db.ProducerSearchTerms.Any(t => t.ProducerId == p.Id), Token)));

        Assert.True(producers > 0);
        Assert.Equal(0, missing);
    }

    [Fact]
    public async Task Terms_lost_or_never_written_are_written_again_at_start()
    {
        var ids = await site.WithDbAsync(async db =>
        {
            var ids = await db.Producers.OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync(Token);
            await db.ProducerSearchTerms.Where(t => ids.Contains(t.ProducerId)).ExecuteDeleteAsync(Token);
            return ids;
        });

        await site.WithDbAsync(db => Marketplace.Infrastructure.Producers.ProducerSearchNames.BackfillAsync(db, Token));

        var restored = await site.WithDbAsync(db => db.Producers.Where(p => ids.Contains(p.Id))
            .Select(p => new { p.SearchName, Terms = db.ProducerSearchTerms.Where(t => t.ProducerId == p.Id).Select(t => t.Term).ToList() })
            .ToListAsync(Token));
        Assert.All(restored, p => Assert.Equal(ProducerSearchTerm.Of(p.SearchName).Order(), p.Terms.Order()));
    }

    [Fact]
    public async Task A_day_booked_a_moment_ago_is_found_by_product_and_organic_although_the_node_keeps_the_offers()
    {
        var offers = site.Services.GetRequiredService<Marketplace.Web.Pages.Fairs.ComingOffers>();
        var (dayId, date, stallId, producerId, honey) = await site.WithDbAsync<(int, DateOnly, int, int, int)>(async db =>
        {
            var now = DateTime.UtcNow;
            var day = await db.FairDays
                .Where(d => d.EndsAtUtc > now && d.Status == FairDayStatus.Scheduled && !db.Bookings.Any(b => b.FairDayId == d.Id))
                .OrderBy(d => d.StartsAtUtc).FirstAsync(Token);
            var stall = await db.Stalls.Where(s => s.VenueId == day.VenueId).Select(s => s.Id).FirstAsync(Token);
            var honey = await db.ProductCategories.Where(c => c.Code == "honey").Select(c => c.Id).SingleAsync(Token);
            var producer = await db.Producers.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync(Token);
            if (!await db.ProducerProducts.AnyAsync(pp => pp.ProducerId == producer && pp.ProductCategoryId == honey, Token))
            {
                db.ProducerProducts.Add(new ProducerProduct { ProducerId = producer, ProductCategoryId = honey });
            }
            db.Certifications.Add(Organic(producer));
            await db.SaveChangesAsync(Token);
            return (day.Id, day.Date, stall, producer, honey);
        });
        // The node has read the offers again (the certification dropped them): the day is not among them yet.
        var known = await KnownAsync(offers, honey);
        Assert.DoesNotContain(dayId, known);
        var on = $"from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}";
        Assert.DoesNotContain(dayId, (await FindAsync($"{on}&product={honey}&organic=true")).Ids);

        await site.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Confirm(dayId, producerId, stallId, DateTime.UtcNow));
            await db.SaveChangesAsync(Token);
        });

        // At once, before the node reads the offers again; and once it has.
        Assert.Contains(dayId, (await FindAsync($"{on}&product={honey}&organic=true&page=1")).Ids);
        Assert.Contains(dayId, await KnownAsync(offers, honey));
        Assert.Contains(dayId, (await FindAsync($"{on}&product={honey}&organic=true&q=miel")).Ids);
    }

    /// <summary>The days the node's picture of the offers gives for honey from a certified producer, once it has one.</summary>
    private static async Task<IReadOnlyList<int>> KnownAsync(Marketplace.Web.Pages.Fairs.ComingOffers offers, int honey)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (offers.Days(honey, organic: true, []) is { } days)
            {
                return days;
            }
            await Task.Delay(100, Token);
        }
        throw new TimeoutException("The node never read the coming offers.");
    }

    private static Certification Organic(int producerId) => new()
    {
        ProducerId = producerId, Kind = CertificationKind.ParticipatoryGuarantee, GroupName = "SGP Huancavelica",
        ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2030, 12, 31),
        Status = CertificationStatus.Verified, CreatedAtUtc = DateTime.UtcNow,
    };
}
