using System.Security.Cryptography;
using System.Text;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Seeding.Scale;
using Marketplace.Infrastructure.Subscriptions;
using Marketplace.Web.Commands;
using Marketplace.Web.Pages.Fairs;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Scale;

/// <summary>The small-scale data of one fixture, generated once with <see cref="Seed"/> for every test of the class.</summary>
public sealed class ScaleSite : MarketplaceFactory
{
    public const int Seed = 7;
    private Task<ScaleSummary>? _generated;

    public Task<ScaleSummary> GeneratedAsync() => _generated ??= ScaleDataTests.GenerateAsync(this, Seed);
}

/// <summary>The scale generator at its small size: the counts asked for, and data the rules allow.</summary>
public class ScaleDataTests(ScaleSite site) : IClassFixture<ScaleSite>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static readonly ScaleProfile Small = ScaleProfile.Small;

    [Fact]
    public async Task The_small_scale_has_the_counts_asked_for_and_no_stall_is_held_twice_or_outside_its_venue()
    {
        var summary = await site.GeneratedAsync();

        Assert.Equal(Small.Municipalities, summary.Municipalities);
        Assert.Equal(Small.Bookings, summary.Bookings);
        Assert.Equal(Small.Subscriptions, summary.Subscriptions);
        await site.WithDbAsync(async db =>
        {
            var generated = db.Municipalities.Where(m => m.Code.StartsWith(ScaleDataGenerator.MunicipalityCodePrefix));
            Assert.Equal(Small.Municipalities, await generated.CountAsync(Token));
            Assert.Equal(7, await generated.Select(m => m.CorridorId).Distinct().CountAsync(Token));
            var venues = db.Venues.Where(v => generated.Any(m => m.Id == v.MunicipalityId));
            Assert.Equal(Small.Venues, await venues.CountAsync(Token));
            var stallCounts = await venues.Select(v => v.Stalls.Count).ToListAsync(Token);
            Assert.All(stallCounts, n => Assert.InRange(n, Small.MinStalls, Small.MaxStalls));

            var series = await db.FairSeries.Include(s => s.Route)
                .Where(s => generated.Any(m => m.Id == s.OrganizerMunicipalityId)).ToListAsync(Token);
            Assert.Equal(Small.Series, series.Count);
            Assert.Equal(Small.Series / ScaleProfile.ItinerantEvery, series.Count(s => s.IsItinerant));
            // Lottery days whose window has closed were drawn, as a running site would have done.
            var lotteryIds = series.Where(s => s.Allocation == AllocationMode.Lottery).Select(s => s.Id).ToList();
            var now = DateTime.UtcNow;
            Assert.True(await db.FairDays.AnyAsync(d => lotteryIds.Contains(d.FairSeriesId) && d.LotteryDrawnAtUtc != null, Token));
            Assert.False(await db.FairDays.AnyAsync(d => lotteryIds.Contains(d.FairSeriesId)
                && d.BookingClosesAtUtc < now && d.LotteryDrawnAtUtc == null, Token));

            var producers = db.Producers.Where(p => generated.Any(m => m.Id == p.MunicipalityId));
            Assert.Equal(Small.Producers, await producers.CountAsync(Token));
            Assert.Equal(Small.Producers / ScaleProfile.WomensOrganizationEvery,
                await producers.CountAsync(p => p.OrganizationType == OrganizationType.WomensOrganization, Token));
            Assert.Equal(Small.Producers / ScaleProfile.CertifiedEvery,
                await db.Certifications.CountAsync(c => producers.Any(p => p.Id == c.ProducerId), Token));
            Assert.Equal(Small.Producers, await db.Users.CountAsync(u => u.Email!.EndsWith("@" + ScaleDataGenerator.EmailDomain), Token));

            var subscriptions = db.Subscriptions.Where(s => s.Email.EndsWith("@" + ScaleDataGenerator.EmailDomain));
            Assert.Equal(Small.Subscriptions, await subscriptions.CountAsync(Token));
            Assert.Equal(Small.Subscriptions / 10, await subscriptions.CountAsync(s => s.ConfirmedAtUtc == null, Token));
            Assert.True(await subscriptions.AnyAsync(s => s.CorridorId != null, Token));
            Assert.True(await subscriptions.AnyAsync(s => s.RadiusKm != null, Token));

            var bookings = db.Bookings.Where(b => series.Select(s => s.Id).Contains(b.FairDay!.FairSeriesId));
            Assert.Equal(Small.Bookings, await bookings.CountAsync(Token));
            foreach (var status in new[] { BookingStatus.Confirmed, BookingStatus.CheckedIn, BookingStatus.NoShow,
                         BookingStatus.Cancelled, BookingStatus.Waitlisted })
            {
                Assert.True(await bookings.AnyAsync(b => b.Status == status, Token), $"no {status} booking");
            }
            var holding = bookings.Where(b => b.StallId != null && Booking.HoldingStatuses.Contains(b.Status));
            Assert.False(await holding.GroupBy(b => new { b.FairDayId, b.StallId }).AnyAsync(g => g.Count() > 1, Token));
            Assert.False(await holding.AnyAsync(b => b.Stall!.VenueId != b.FairDay!.VenueId, Token));
            Assert.False(await bookings.AnyAsync(b => !Booking.HoldingStatuses.Contains(b.Status) && b.StallId != null, Token));
            Assert.False(await bookings.Where(b => b.Status != BookingStatus.Cancelled)
                .GroupBy(b => new { b.FairDayId, b.ProducerId }).AnyAsync(g => g.Count() > 1, Token));
        });

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => GenerateAsync(site, ScaleSite.Seed));
        Assert.Contains("already", again.Message);
    }

    [Fact]
    public async Task The_same_seed_generates_the_same_data_and_a_generated_producer_can_sign_in()
    {
        await site.GeneratedAsync();
        await using var other = new MarketplaceFactory();
        await GenerateAsync(other, ScaleSite.Seed);

        Assert.Equal(await FingerprintAsync(site), await FingerprintAsync(other));
        var client = other.CreateBrowserClient();
        var signIn = await Forms.SignInAsync(client, ScaleDataGenerator.ProducerEmail(42), GenerateCommand.DefaultPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_search_counts_up_to_its_cap_says_more_beyond_it_and_still_pages_past_the_count()
    {
        await site.GeneratedAsync();
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var counts = new FairDayCounts();
        var cache = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        var now = DateTime.UtcNow;
        var exact = await (await FairDayListing.MatchingAsync(db, counts, new FairDayFilter(), now, Token)).CountAsync(Token);
        Assert.True(exact > 100, $"only {exact} coming days at small scale");

        var capped = await FairDayListing.UpcomingAsync(db, counts, cache, new FairDayFilter(), now, 20, Token, countedUpTo: 50);
        Assert.Equal((50, true, true), (capped.Total, capped.TotalIsLowerBound, capped.HasNextPage));
        var beyond = await FairDayListing.UpcomingAsync(db, counts, cache, new FairDayFilter { Page = 4 }, now, 20, Token, countedUpTo: 50);
        Assert.Equal(20, beyond.Items.Count);
        Assert.True(beyond.HasNextPage);
        var full = await FairDayListing.UpcomingAsync(db, counts, cache, new FairDayFilter(), now, 20, Token);
        Assert.Equal((exact, false), (full.Total, full.TotalIsLowerBound));

        var page = await site.CreateClient().GetStringAsync("/Fairs", Token);
        Assert.Contains($"{exact} ferias encontradas", page);
    }

    [Fact]
    public async Task The_command_answers_a_wrong_scale_with_its_usage()
    {
        var output = new StringWriter();

        var code = await GenerateCommand.RunAsync(site.Services, ["generate", "--scale", "huge"], output);

        Assert.Equal(2, code);
        Assert.Contains("usage", output.ToString());
    }

    internal static async Task<ScaleSummary> GenerateAsync(MarketplaceFactory factory, int seed)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        return await new ScaleDataGenerator(db, scope.ServiceProvider.GetRequiredService<SubscriptionTokens>(), TimeProvider.System)
            .GenerateAsync(Small, seed, GenerateCommand.DefaultPassword, TextWriter.Null, CancellationToken.None);
    }

    /// <summary>A hash over what the generator decided: names, places, dates, stalls and statuses.</summary>
    private static Task<string> FingerprintAsync(MarketplaceFactory factory) =>
        factory.WithDbAsync(async db =>
        {
            var producers = (await db.Producers.Where(p => p.UserId!.StartsWith("scale-"))
                    .Select(p => new { p.UserId, p.DisplayName, p.Municipality!.Code, p.OrganizationType, p.Community })
                    .ToListAsync(Token))
                .OrderBy(p => p.UserId, StringComparer.Ordinal)
                .Select(p => $"{p.UserId} {p.DisplayName} {p.Code} {p.OrganizationType} {p.Community}");
            var bookings = (await db.Bookings.Where(b => b.Producer!.UserId!.StartsWith("scale-"))
                    .Select(b => new
                    {
                        Series = b.FairDay!.FairSeries!.Name, b.FairDay.OccurrenceDate, b.Producer!.UserId,
                        Stall = b.Stall == null ? "-" : b.Stall.Code, b.Status,
                    })
                    .ToListAsync(Token))
                .Select(b => $"{b.Series} {b.OccurrenceDate:O} {b.UserId} {b.Stall} {b.Status}")
                .Order(StringComparer.Ordinal);
            var text = string.Join('\n', producers.Concat(bookings));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        });
}
