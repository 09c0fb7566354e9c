using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>The booking rules through the booking desk on the real database.</summary>
public class BookingRulesTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_outside_the_window_is_refused()
    {
        var closed = await BookingScene.CreateAsync(site, TimeProvider.System,
            new SceneOptions { OpensIn = TimeSpan.FromDays(-3), ClosesIn = TimeSpan.FromHours(-1) });
        var notYet = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { OpensIn = TimeSpan.FromDays(1) });
        var producers = await closed.AddProducersAsync(site, 1);

        Assert.Equal(BookingRefusal.WindowClosed, (await Desk.BookAsync(site, closed.DayId, producers[0])).Refusal);
        Assert.Equal(BookingRefusal.WindowNotOpen, (await Desk.BookAsync(site, notYet.DayId, producers[0])).Refusal);
        Assert.Empty(await closed.BookingsAsync(site));
    }

    [Fact]
    public async Task A_series_that_requires_approval_books_only_approved_producers()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { RequiresApproval = true });
        var producers = await scene.AddProducersAsync(site, 2);
        await site.WithDbAsync(async db =>
        {
            db.SeriesMemberships.Add(new SeriesMembership
            {
                FairSeriesId = scene.SeriesId, ProducerId = producers[0], Status = SeriesMembershipStatus.Approved,
            });
            db.SeriesMemberships.Add(new SeriesMembership
            {
                FairSeriesId = scene.SeriesId, ProducerId = producers[1], Status = SeriesMembershipStatus.Applied,
            });
            await db.SaveChangesAsync(Token);
        });

        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, producers[0])).Kind);
        var refused = await Desk.BookAsync(site, scene.DayId, producers[1]);
        Assert.Equal((BookingOutcomeKind.Refused, BookingRefusal.NotApproved), (refused.Kind, refused.Refusal));
    }

    [Fact]
    public async Task A_producer_books_one_stall_per_fair_day_waitlisted_or_not()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var producers = await scene.AddProducersAsync(site, 2);
        await Desk.BookAsync(site, scene.DayId, producers[0]);
        await Desk.BookAsync(site, scene.DayId, producers[1]);

        Assert.Equal(BookingRefusal.AlreadyBooked, (await Desk.BookAsync(site, scene.DayId, producers[0])).Refusal);
        Assert.Equal(BookingRefusal.AlreadyBooked, (await Desk.BookAsync(site, scene.DayId, producers[1])).Refusal);
        Assert.Equal(2, (await scene.BookingsAsync(site)).Count);
    }

    [Fact]
    public async Task Unknown_days_stalls_and_producers_and_cancelled_days_are_refused()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System);
        var cancelled = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Status = FairDayStatus.Cancelled });
        var other = await BookingScene.CreateAsync(site, TimeProvider.System);
        var producers = await scene.AddProducersAsync(site, 1);

        Assert.Equal(BookingRefusal.UnknownFairDay, (await Desk.BookAsync(site, int.MaxValue, producers[0])).Refusal);
        Assert.Equal(BookingRefusal.UnknownProducer, (await Desk.BookAsync(site, scene.DayId, int.MaxValue)).Refusal);
        Assert.Equal(BookingRefusal.UnknownStall,
            (await Desk.BookAsync(site, scene.DayId, producers[0], other.StallIds[0])).Refusal);
        Assert.Equal(BookingRefusal.DayNotBookable, (await Desk.BookAsync(site, cancelled.DayId, producers[0])).Refusal);
    }

    [Fact]
    public async Task Stalls_reserved_for_womens_organizations_stay_free_for_them()
    {
        // 4 stalls, half reserved: two ordinary producers fill the open share, the third waits.
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 4, WomenQuotaPercent = 50 });
        var others = await scene.AddProducersAsync(site, 4);
        var women = await scene.AddProducersAsync(site, 2, OrganizationType.WomensOrganization);

        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, others[0])).Kind);
        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, others[1])).Kind);
        Assert.Equal(BookingOutcomeKind.Waitlisted, (await Desk.BookAsync(site, scene.DayId, others[2])).Kind);
        Assert.Equal(BookingRefusal.StallReserved,
            (await Desk.BookAsync(site, scene.DayId, others[3], scene.StallIds[3])).Refusal);
        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, women[0], scene.StallIds[3])).Kind);
        Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, women[1])).Kind);
    }

    [Fact]
    public async Task The_fee_is_quoted_before_booking_and_kept_on_the_booking_waived_where_flagged()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { ProduceFee = 12.50m });
        var payer = (await scene.AddProducersAsync(site, 1))[0];
        var waived = (await scene.AddProducersAsync(site, 1, feeWaived: true))[0];

        var quote = await Desk.CallAsync(site, desk => desk.QuoteAsync(scene.DayId, payer, null, Token));
        var waivedQuote = await Desk.CallAsync(site, desk => desk.QuoteAsync(scene.DayId, waived, scene.StallIds[1], Token));
        var booked = await Desk.BookAsync(site, scene.DayId, waived);

        Assert.Equal(new FeeQuote(12.50m, "PEN", false), quote);
        Assert.Equal(new FeeQuote(12.50m, "PEN", true), waivedQuote);
        Assert.Equal((12.50m, true), (booked.Fee, booked.FeeWaived));
        var stored = await site.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == booked.BookingId, Token));
        Assert.Equal((12.50m, true), (stored.FeeAmount, stored.IsFeeWaived));
    }

    [Fact]
    public async Task Booking_a_series_books_every_day_whose_window_is_open()
    {
        // Three days a week apart; the window of the third (opening 30 days before, say) is not open yet.
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Days = 3 });
        await site.WithDbAsync(db => db.FairDays.Where(d => d.Id == scene.DayIds[2])
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.BookingOpensAtUtc, DateTime.UtcNow.AddDays(5)), Token));
        var producer = (await scene.AddProducersAsync(site, 1))[0];

        var outcomes = await Desk.CallAsync(site, desk => desk.BookSeriesAsync(scene.SeriesId, producer, Token));

        Assert.Equal(scene.DayIds.Take(2), outcomes.Select(o => o.FairDayId));
        Assert.All(outcomes, o => Assert.Equal(BookingOutcomeKind.Confirmed, o.Kind));
        var again = await Desk.CallAsync(site, desk => desk.BookSeriesAsync(scene.SeriesId, producer, Token));
        Assert.All(again, o => Assert.Equal(BookingRefusal.AlreadyBooked, o.Refusal));
    }

    [Fact]
    public async Task A_lottery_series_collects_requests_holding_no_stall()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System,
            new SceneOptions { Allocation = AllocationMode.Lottery, Stalls = 1 });
        var producers = await scene.AddProducersAsync(site, 3);

        foreach (var producerId in producers)
        {
            Assert.Equal(BookingOutcomeKind.Requested, (await Desk.BookAsync(site, scene.DayId, producerId)).Kind);
        }
        Assert.All(await scene.BookingsAsync(site), b => Assert.Equal((BookingStatus.Requested, (int?)null), (b.Status, b.StallId)));
    }
}
