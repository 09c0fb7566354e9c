using Marketplace.Domain.Bookings;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Venues;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.SqlServer.Tests;

/// <summary>The same stall rules as on SQLite, on SQL Server with its own migrations.</summary>
public class StallHoldingOnSqlServerTests(SqlServerDatabase database) : IClassFixture<SqlServerDatabase>
{
    [Fact]
    public async Task The_SqlServer_migrations_apply_and_match_the_model()
    {
        Assert.SkipUnless(database.Available, database.Reason);
        await using var db = database.NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Fifty_parallel_attempts_to_hold_one_stall_leave_exactly_one_holder()
    {
        Assert.SkipUnless(database.Available, database.Reason);
        var (dayId, stallId, producerIds) = await ArrangeAsync(50);

        var results = await Task.WhenAll(producerIds.Select(producerId =>
            Task.Run(() => TrySaveAsync(Booking.Confirm(dayId, producerId, stallId, DateTime.UtcNow)))));

        Assert.Equal(1, results.Count(ok => ok));
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Bookings.CountAsync(b => b.FairDayId == dayId && b.StallId == stallId,
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_cancelled_booking_releases_its_stall()
    {
        Assert.SkipUnless(database.Available, database.Reason);
        var (dayId, stallId, producerIds) = await ArrangeAsync(2);
        await using var db = database.NewContext();
        var first = Booking.Confirm(dayId, producerIds[0], stallId, DateTime.UtcNow);
        db.Bookings.Add(first);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        first.Cancel(DateTime.UtcNow);
        db.Bookings.Add(Booking.Confirm(dayId, producerIds[1], stallId, DateTime.UtcNow));

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, await db.Bookings.CountAsync(b => b.FairDayId == dayId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Twenty_parallel_bookings_of_one_producer_in_the_same_slot_leave_exactly_one()
    {
        Assert.SkipUnless(database.Available, database.Reason);
        var (dayId, _, producerIds) = await ArrangeAsync(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
        {
            var booking = Booking.Waitlist(dayId, producerIds[0], DateTime.UtcNow);
            booking.TakeProducerSlot(1);
            return TrySaveAsync(booking);
        })));

        Assert.Equal(1, results.Count(ok => ok));
    }

    /// <summary>Inserts the booking on a connection of its own; false when the database refuses it.</summary>
    private async Task<bool> TrySaveAsync(Booking booking)
    {
        await using var db = database.NewContext();
        db.Bookings.Add(booking);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>A minimal region, venue with one stall, series, fair day and producers.</summary>
    private async Task<(int DayId, int StallId, List<int> ProducerIds)> ArrangeAsync(int producers)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var db = database.NewContext();
        var region = new Region { Code = $"r-{tag}", Name = "Región", DefaultCulture = "es" };
        var municipality = new Municipality
        {
            Region = region, Code = $"m-{tag}", Name = "Municipio", TimeZoneId = "America/Lima", CurrencyCode = "PEN",
        };
        var venue = new Venue { Municipality = municipality, Name = $"Plaza {tag}" };
        var stall = new Stall { Code = "A-01" };
        venue.Stalls.Add(stall);
        var series = new FairSeries
        {
            Name = "Feria", OrganizerMunicipality = municipality, RecurrenceRule = "FREQ=WEEKLY;BYDAY=SA",
            StartsOn = new DateOnly(2026, 1, 3), StartTime = new TimeOnly(7, 0), EndTime = new TimeOnly(13, 0),
        };
        series.Route.Add(new FairSeriesStop { Position = 0, Venue = venue });
        db.FairSeries.Add(series);
        await db.SaveChangesAsync();
        var occurrence = series.Schedule().Between(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)).First();
        var day = FairDay.Plan(series, occurrence, new MunicipalClock(municipality.TimeZoneId));
        db.FairDays.Add(day);
        var created = Enumerable.Range(0, producers)
            .Select(i => new Producer { DisplayName = $"Productor {i}", Municipality = municipality })
            .ToList();
        db.Producers.AddRange(created);
        await db.SaveChangesAsync();
        return (day.Id, stall.Id, created.Select(p => p.Id).ToList());
    }
}
