using Marketplace.Domain.Bookings;
using Marketplace.Domain.Producers;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests;

/// <summary>The database itself refuses a second holder of a stall on a fair day.</summary>
public class StallHoldingTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Fifty_parallel_attempts_to_hold_one_stall_leave_exactly_one_holder()
    {
        var (dayId, stallId, producerIds) = await FreeStallAndProducersAsync(50);

        var attempts = producerIds.Select(producerId => Task.Run(() => site.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Confirm(dayId, producerId, stallId, DateTime.UtcNow));
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        })));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(ok => ok));
        var holders = await site.WithDbAsync(db => db.Bookings
            .CountAsync(b => b.FairDayId == dayId && b.StallId == stallId));
        Assert.Equal(1, holders);
    }

    [Fact]
    public async Task A_cancelled_booking_releases_its_stall_for_the_next_producer()
    {
        var (dayId, stallId, producerIds) = await FreeStallAndProducersAsync(2);
        var first = await site.WithDbAsync(async db =>
        {
            var booking = Booking.Confirm(dayId, producerIds[0], stallId, DateTime.UtcNow);
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            booking.Cancel(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return booking.Id;
        });

        await site.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Confirm(dayId, producerIds[1], stallId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var statuses = await site.WithDbAsync(db => db.Bookings.Where(b => b.FairDayId == dayId)
            .Select(b => b.Status).ToListAsync());
        Assert.Contains(BookingStatus.Cancelled, statuses);
        Assert.Contains(BookingStatus.Confirmed, statuses);
        Assert.True(first > 0);
    }

    [Fact]
    public async Task Waitlisted_bookings_hold_no_stall_and_never_collide()
    {
        var (dayId, _, producerIds) = await FreeStallAndProducersAsync(5);
        await site.WithDbAsync(async db =>
        {
            foreach (var producerId in producerIds)
            {
                db.Bookings.Add(Booking.Waitlist(dayId, producerId, DateTime.UtcNow));
            }
            await db.SaveChangesAsync();
        });

        var waitlisted = await site.WithDbAsync(db => db.Bookings
            .CountAsync(b => b.FairDayId == dayId && b.Status == BookingStatus.Waitlisted && b.StallId == null));
        Assert.Equal(5, waitlisted);
    }

    [Fact]
    public async Task The_same_stall_on_another_fair_day_is_a_different_place()
    {
        var (dayId, stallId, producerIds) = await FreeStallAndProducersAsync(1);
        var otherDayId = await site.WithDbAsync(async db =>
        {
            var day = await db.FairDays.SingleAsync(d => d.Id == dayId);
            return await db.FairDays.Where(d => d.VenueId == day.VenueId && d.Id != dayId
                    && !db.Bookings.Any(b => b.FairDayId == d.Id && b.StallId == stallId))
                .Select(d => d.Id).FirstAsync();
        });

        await site.WithDbAsync(async db =>
        {
            db.Bookings.Add(Booking.Confirm(dayId, producerIds[0], stallId, DateTime.UtcNow));
            db.Bookings.Add(Booking.Confirm(otherDayId, producerIds[0], stallId, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>A fair day and one of its stalls nobody holds, and some fresh producers.</summary>
    private async Task<(int DayId, int StallId, List<int> ProducerIds)> FreeStallAndProducersAsync(int producers) =>
        await site.WithDbAsync(async db =>
        {
            var candidate = await db.FairDays
                .SelectMany(d => db.Stalls.Where(s => s.VenueId == d.VenueId), (d, s) => new { DayId = d.Id, StallId = s.Id })
                .Where(x => !db.Bookings.Any(b => b.FairDayId == x.DayId))
                .OrderBy(x => x.DayId)
                .Skip(Random.Shared.Next(0, 200))
                .FirstAsync();
            var municipality = await db.Municipalities.Select(m => m.Id).FirstAsync();
            var created = Enumerable.Range(0, producers)
                .Select(i => new Producer { DisplayName = $"Productor {Guid.NewGuid():N}", MunicipalityId = municipality })
                .ToList();
            db.Producers.AddRange(created);
            await db.SaveChangesAsync();
            return (candidate.DayId, candidate.StallId, created.Select(p => p.Id).ToList());
        });
}
