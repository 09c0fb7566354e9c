using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>Lottery series: requests until the window closes, then one reproducible draw per day.</summary>
public class LotteryTests(BookingMailSite fixture) : IClassFixture<BookingMailSite>
{
    private MailFactory Site => fixture.Site;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    private static SceneOptions Lottery(int stalls, int womenPercent = 0) => new()
    {
        Allocation = AllocationMode.Lottery,
        Stalls = stalls,
        WomenQuotaPercent = womenPercent,
        ClosesIn = TimeSpan.FromHours(1),
        StartsIn = TimeSpan.FromDays(3),
    };

    [Fact]
    public async Task The_draw_confirms_winners_on_stalls_and_waitlists_the_rest_reproducibly_from_the_stored_seed()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, Lottery(stalls: 3));
        var withEmail = await scene.AddProducerWithEmailAsync(Site, "es");
        var producers = (await scene.AddProducersAsync(Site, 7)).Append(withEmail.ProducerId).ToList();
        foreach (var producerId in producers)
        {
            var outcome = await Desk.BookAsync(Site, scene.DayId, producerId);
            Assert.Equal(BookingOutcomeKind.Requested, outcome.Kind);
        }
        // The window is still open: nothing to draw yet.
        await Desk.DrawLotteriesAsync(Site);
        Assert.All(await scene.BookingsAsync(Site), b => Assert.Equal(BookingStatus.Requested, b.Status));

        Site.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(BookingRefusal.WindowClosed, (await Desk.BookAsync(Site, scene.DayId, producers[0])).Refusal);
        await Desk.DrawLotteriesAsync(Site);

        var bookings = await scene.BookingsAsync(Site);
        var winners = bookings.Where(b => b.Status == BookingStatus.Confirmed).ToList();
        var waiting = bookings.Where(b => b.Status == BookingStatus.Waitlisted).ToList();
        Assert.Equal(3, winners.Count);
        Assert.Equal(scene.StallIds.Order(), winners.Select(b => b.StallId!.Value).Order());
        Assert.Equal([1, 2, 3, 4, 5], waiting.Select(b => b.WaitlistPosition!.Value).Order());
        var day = await Site.WithDbAsync(db => db.FairDays.AsNoTracking().SingleAsync(d => d.Id == scene.DayId, Token));
        Assert.NotNull(day.LotteryDrawnAtUtc);
        Assert.NotNull(day.LotterySeed);

        // Redrawing from the stored seed gives the same winners, stalls and positions.
        var redraw = await RedrawAsync(scene, day.LotterySeed.Value, bookings);
        Assert.Equal(redraw.Winners.OrderBy(w => w.BookingId),
            winners.Select(b => new LotteryWin(b.Id, b.StallId!.Value)).OrderBy(w => w.BookingId));
        Assert.Equal(redraw.Waitlist.OrderBy(p => p.BookingId),
            waiting.Select(b => new LotteryPlace(b.Id, b.WaitlistPosition!.Value)).OrderBy(p => p.BookingId));

        // Drawn once: another run changes nothing.
        await Desk.DrawLotteriesAsync(Site);
        Assert.Equal(bookings.Select(b => (b.Id, b.Status, b.StallId, b.WaitlistPosition)),
            (await scene.BookingsAsync(Site)).Select(b => (b.Id, b.Status, b.StallId, b.WaitlistPosition)));
        var told = await Site.WithDbAsync(db => db.OutboxMessages
            .CountAsync(m => m.ToAddress == withEmail.Email && (m.Kind == "booking-confirmed" || m.Kind == "waitlist-joined"), Token));
        Assert.Equal(1, told);
        var notices = await Site.WithDbAsync(db => db.PhoneNotices.CountAsync(n => producers.Contains(n.ProducerId), Token));
        Assert.Equal(7, notices);
    }

    [Fact]
    public async Task Two_sweeps_at_once_draw_a_day_once()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, Lottery(stalls: 2));
        var producers = await scene.AddProducersAsync(Site, 6);
        foreach (var producerId in producers)
        {
            await Desk.BookAsync(Site, scene.DayId, producerId);
        }
        Site.Clock.Advance(TimeSpan.FromHours(2));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Desk.DrawLotteriesAsync(Site), Token)));

        var bookings = await scene.BookingsAsync(Site);
        Assert.Equal(2, bookings.Count(b => b.Status == BookingStatus.Confirmed));
        Assert.Equal([1, 2, 3, 4], bookings.Where(b => b.Status == BookingStatus.Waitlisted)
            .Select(b => b.WaitlistPosition!.Value).Order());
        var notices = await Site.WithDbAsync(db => db.PhoneNotices.CountAsync(n => producers.Contains(n.ProducerId), Token));
        Assert.Equal(6, notices);
    }

    [Fact]
    public async Task Reserved_stalls_go_to_womens_organizations_first_in_the_draw()
    {
        // 4 stalls, half reserved for women's organizations; 2 of 12 requests come from them.
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, Lottery(stalls: 4, womenPercent: 50));
        var others = await scene.AddProducersAsync(Site, 10);
        var women = await scene.AddProducersAsync(Site, 2, OrganizationType.WomensOrganization);
        foreach (var producerId in others.Concat(women))
        {
            await Desk.BookAsync(Site, scene.DayId, producerId);
        }
        Site.Clock.Advance(TimeSpan.FromHours(2));

        await Desk.DrawLotteriesAsync(Site);

        var confirmed = (await scene.BookingsAsync(Site)).Where(b => b.Status == BookingStatus.Confirmed).ToList();
        Assert.Equal(4, confirmed.Count);
        Assert.All(women, w => Assert.Contains(confirmed, b => b.ProducerId == w));
    }

    private async Task<LotteryResult> RedrawAsync(BookingScene scene, int seed, List<Booking> bookings)
    {
        var (series, stalls, producers) = await Site.WithDbAsync(async db =>
        {
            var s = await db.FairSeries.Include(x => x.Fees).AsNoTracking().SingleAsync(x => x.Id == scene.SeriesId, Token);
            var st = await db.Stalls.AsNoTracking().Where(x => scene.StallIds.Contains(x.Id)).ToListAsync(Token);
            var ids = bookings.Select(b => b.ProducerId).ToList();
            var p = await db.Producers.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, Token);
            return (s, st, p);
        });
        var floor = new FairFloor(stalls, []);
        return LotteryDraw.Draw(seed,
            bookings.Select(b => new LotteryEntry(b.Id, QuotaEligibility.Of(producers[b.ProducerId], series))),
            floor, StallQuotas.For(series, floor.Stalls.Count), firstPosition: 1);
    }
}
