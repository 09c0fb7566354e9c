using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>Many producers at once through the booking desk: the database decides, nobody is lost.</summary>
public class BookingConcurrencyTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task A_hundred_producers_asking_at_once_for_the_last_free_stall_leave_one_confirmed_and_ninety_nine_waitlisted()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 3 });
        var earlier = await scene.AddProducersAsync(site, 2);
        foreach (var producerId in earlier)
        {
            Assert.Equal(BookingOutcomeKind.Confirmed, (await Desk.BookAsync(site, scene.DayId, producerId)).Kind);
        }
        var producers = await scene.AddProducersAsync(site, 100);

        var outcomes = await Task.WhenAll(producers.Select(producerId =>
            Task.Run(() => Desk.BookAsync(site, scene.DayId, producerId), TestContext.Current.CancellationToken)));

        Assert.Single(outcomes, o => o.Kind == BookingOutcomeKind.Confirmed);
        Assert.Equal("P-03", outcomes.Single(o => o.Kind == BookingOutcomeKind.Confirmed).StallCode);
        Assert.Equal(99, outcomes.Count(o => o.Kind == BookingOutcomeKind.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 99), outcomes.Where(o => o.WaitlistPosition is not null)
            .Select(o => o.WaitlistPosition!.Value).Order());

        var stored = (await scene.BookingsAsync(site)).Where(b => producers.Contains(b.ProducerId)).ToList();
        Assert.Equal(100, stored.Count);
        Assert.Single(stored, b => b.Status == BookingStatus.Confirmed);
        var waitlisted = stored.Where(b => b.Status == BookingStatus.Waitlisted).ToList();
        Assert.Equal(99, waitlisted.Count);
        Assert.Equal(Enumerable.Range(1, 99), waitlisted.Select(b => b.WaitlistPosition!.Value).Order());
        Assert.All(waitlisted, b => Assert.Null(b.StallId));
    }

    [Fact]
    public async Task Producers_choosing_the_same_stall_at_once_leave_one_holder_and_the_others_see_the_free_stalls()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 3 });
        var producers = await scene.AddProducersAsync(site, 20);

        var outcomes = await Task.WhenAll(producers.Select(producerId =>
            Task.Run(() => Desk.BookAsync(site, scene.DayId, producerId, scene.StallIds[0]),
                TestContext.Current.CancellationToken)));

        Assert.Single(outcomes, o => o.Kind == BookingOutcomeKind.Confirmed);
        var taken = outcomes.Where(o => o.Kind == BookingOutcomeKind.StallTaken).ToList();
        Assert.Equal(19, taken.Count);
        Assert.All(taken, o => Assert.Equal(["P-02", "P-03"], o.FreeStallCodes!));
        var stored = await scene.BookingsAsync(site);
        Assert.Single(stored);
    }

    [Fact]
    public async Task A_second_holder_is_recognized_as_a_unique_violation_and_a_missing_fair_day_is_not()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var producers = await scene.AddProducersAsync(site, 2);
        await Desk.BookAsync(site, scene.DayId, producers[0]);

        var duplicate = await SaveFailureAsync(Booking.Confirm(scene.DayId, producers[1], scene.StallIds[0], DateTime.UtcNow));
        var orphan = await SaveFailureAsync(Booking.Waitlist(int.MaxValue, producers[1], DateTime.UtcNow));

        Assert.True(DatabaseConflicts.IsUniqueViolation(duplicate));
        Assert.True(DatabaseConflicts.IsRetryable(duplicate));
        Assert.False(DatabaseConflicts.IsUniqueViolation(orphan));
        Assert.False(DatabaseConflicts.IsRetryable(orphan));
    }

    [Fact]
    public async Task One_producer_asking_twenty_times_at_once_for_the_same_day_gets_exactly_one_booking()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 5 });
        var producer = (await scene.AddProducersAsync(site, 1))[0];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => Desk.BookAsync(site, scene.DayId, producer), TestContext.Current.CancellationToken)));

        Assert.Single(outcomes, o => o.Kind == BookingOutcomeKind.Confirmed);
        Assert.Equal(19, outcomes.Count(o => o is { Kind: BookingOutcomeKind.Refused, Refusal: BookingRefusal.AlreadyBooked }));
        var stored = await scene.BookingsAsync(site);
        var booking = Assert.Single(stored);
        Assert.Equal(1, booking.ProducerSlot);
    }

    [Fact]
    public async Task The_database_refuses_a_second_booking_in_the_same_producer_slot_and_a_cancelled_one_frees_it()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 2 });
        var producer = (await scene.AddProducersAsync(site, 1))[0];
        var first = await Desk.BookAsync(site, scene.DayId, producer);
        Assert.Equal(BookingOutcomeKind.Confirmed, first.Kind);

        var second = Booking.Confirm(scene.DayId, producer, scene.StallIds[1], DateTime.UtcNow);
        second.TakeProducerSlot(1);
        var failure = await SaveFailureAsync(second);
        Assert.True(DatabaseConflicts.IsUniqueViolation(failure));

        await site.WithDbAsync(async db =>
        {
            var booking = await db.Bookings.SingleAsync(b => b.Id == first.BookingId, TestContext.Current.CancellationToken);
            booking.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var again = await Desk.BookAsync(site, scene.DayId, producer);
        Assert.Equal(BookingOutcomeKind.Confirmed, again.Kind);
    }

    private Task<DbUpdateException> SaveFailureAsync(Booking booking) =>
        site.WithDbAsync(async db =>
        {
            db.Bookings.Add(booking);
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        });
}
