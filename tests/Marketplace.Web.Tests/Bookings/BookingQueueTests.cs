using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>
/// Bookings that wait for the SQLite writer together are booked as one group: in the order they
/// came, each seeing what the ones before it took, and one that fails does not fail the others.
/// The writer is held by the test while the group forms, so the group is known exactly.
/// </summary>
public class BookingQueueTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private BookingQueue Queue => site.Services.GetRequiredService<BookingQueue>();

    [Fact]
    public async Task Requests_waiting_together_are_decided_in_arrival_order_each_seeing_the_ones_before()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 3 });
        var p = await scene.AddProducersAsync(site, 6);
        var chosen = scene.StallIds[2];

        Task<BookingOutcome>[] outcomes;
        await using (var writer = await HoldWriterAsync())
        {
            outcomes =
            [
                await JoinAsync(scene.DayId, p[0]),
                await JoinAsync(scene.DayId, p[1], chosen),
                await JoinAsync(scene.DayId, p[2]),
                await JoinAsync(scene.DayId, p[3], chosen),
                await JoinAsync(scene.DayId, p[4]),
                await JoinAsync(scene.DayId, p[0]),
                await JoinAsync(scene.DayId, p[5]),
            ];
            Assert.Equal(7, Queue.CountWaiting(scene.DayId));
            Assert.All(outcomes, o => Assert.False(o.IsCompleted));
        }
        var answers = await Task.WhenAll(outcomes);

        Assert.Equal((BookingOutcomeKind.Confirmed, "P-01"), (answers[0].Kind, answers[0].StallCode));
        Assert.Equal((BookingOutcomeKind.Confirmed, "P-03"), (answers[1].Kind, answers[1].StallCode));
        Assert.Equal((BookingOutcomeKind.Confirmed, "P-02"), (answers[2].Kind, answers[2].StallCode));
        Assert.Equal(BookingOutcomeKind.StallTaken, answers[3].Kind);
        Assert.Empty(answers[3].FreeStallCodes!);
        Assert.Equal((BookingOutcomeKind.Waitlisted, 1), (answers[4].Kind, answers[4].WaitlistPosition));
        Assert.Equal((BookingOutcomeKind.Refused, BookingRefusal.AlreadyBooked), (answers[5].Kind, answers[5].Refusal));
        Assert.Equal((BookingOutcomeKind.Waitlisted, 2), (answers[6].Kind, answers[6].WaitlistPosition));
        Assert.Equal(0, Queue.CountWaiting(scene.DayId));

        var stored = await scene.BookingsAsync(site);
        Assert.Equal(5, stored.Count);
        Assert.Equal(stored.Select(b => b.Id).Order(),
            answers.Where(a => a.BookingId is not null).Select(a => a.BookingId!.Value).Order());
        Assert.Equal([p[0], p[1], p[2]], stored.Where(b => b.Status == BookingStatus.Confirmed).Select(b => b.ProducerId).Order());
        Assert.Equal([p[4], p[5]], stored.Where(b => b.Status == BookingStatus.Waitlisted)
            .OrderBy(b => b.WaitlistPosition).Select(b => b.ProducerId));
        // Each booking told its producer (none has an e-mail address: a notice to phone).
        var notices = await site.WithDbAsync(db => db.PhoneNotices.Where(n => p.Contains(n.ProducerId)).CountAsync());
        Assert.Equal(5, notices);
    }

    [Fact]
    public async Task A_request_that_fails_in_a_group_fails_alone_and_the_others_are_booked()
    {
        var scene = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 2 });
        var p = await scene.AddProducersAsync(site, 3);
        var poisoned = p[1];
        // The database refuses this one producer's booking with an error that no retry mends.
        // (The id is an int of the test's own making: nothing to escape.)
        var trigger = $"refuse_{poisoned}";
        var create = $"CREATE TRIGGER {trigger} BEFORE INSERT ON Bookings WHEN NEW.ProducerId = {poisoned} "
            + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
        var drop = $"DROP TRIGGER {trigger}";
        await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(create));
        try
        {
            Task<BookingOutcome>[] outcomes;
            await using (var writer = await HoldWriterAsync())
            {
                outcomes = [await JoinAsync(scene.DayId, p[0]), await JoinAsync(scene.DayId, poisoned), await JoinAsync(scene.DayId, p[2])];
                Assert.Equal(3, Queue.CountWaiting(scene.DayId));
            }

            await Assert.ThrowsAsync<DbUpdateException>(() => outcomes[1]);
            var booked = new[] { await outcomes[0], await outcomes[2] };
            Assert.All(booked, o => Assert.Equal(BookingOutcomeKind.Confirmed, o.Kind));
            Assert.Equal(["P-01", "P-02"], booked.Select(o => o.StallCode).Order());
            var stored = await scene.BookingsAsync(site);
            Assert.Equal([p[0], p[2]], stored.Select(b => b.ProducerId).Order());
            var notices = await site.WithDbAsync(db => db.PhoneNotices.Where(n => p.Contains(n.ProducerId))
                .Select(n => n.ProducerId).ToListAsync());
            Assert.Equal([p[0], p[2]], notices.Order());
            Assert.Equal(0, Queue.CountWaiting(scene.DayId));
        }
        finally
        {
            await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(drop));
        }
    }

    [Fact]
    public async Task Lines_of_different_days_are_grouped_apart_and_a_later_group_sees_the_earlier_one()
    {
        var first = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var second = await BookingScene.CreateAsync(site, TimeProvider.System, new SceneOptions { Stalls = 1 });
        var p = await first.AddProducersAsync(site, 4);

        Task<BookingOutcome>[] outcomes;
        await using (var writer = await HoldWriterAsync())
        {
            outcomes = [await JoinAsync(first.DayId, p[0]), await JoinAsync(second.DayId, p[1]),
                await JoinAsync(first.DayId, p[2])];
            Assert.Equal((2, 1), (Queue.CountWaiting(first.DayId), Queue.CountWaiting(second.DayId)));
        }
        var answers = await Task.WhenAll(outcomes);
        // After both groups: one more on the first day joins a new group, which sees the first one's holder.
        var later = await Desk.BookAsync(site, first.DayId, p[3]);

        Assert.Equal(BookingOutcomeKind.Confirmed, answers[0].Kind);
        Assert.Equal(BookingOutcomeKind.Confirmed, answers[1].Kind);
        Assert.Equal((BookingOutcomeKind.Waitlisted, 1), (answers[2].Kind, answers[2].WaitlistPosition));
        Assert.Equal((BookingOutcomeKind.Waitlisted, 2), (later.Kind, later.WaitlistPosition));
    }

    /// <summary>Takes this process's SQLite writer turn, as a long write would, until disposed.</summary>
    private async Task<AsyncTurn> HoldWriterAsync()
    {
        var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var turn = await site.Services.GetRequiredService<SqliteWriteGate>().EnterAsync(db, TestContext.Current.CancellationToken);
        return new AsyncTurn(turn, scope);
    }

    /// <summary>Starts a booking and waits until it stands in its day's line.</summary>
    private async Task<Task<BookingOutcome>> JoinAsync(int dayId, int producerId, int? stallId = null)
    {
        var before = Queue.CountWaiting(dayId);
        var booking = Task.Run(() => Desk.BookAsync(site, dayId, producerId, stallId), TestContext.Current.CancellationToken);
        while (Queue.CountWaiting(dayId) == before)
        {
            Assert.False(booking.IsCompleted, "The booking finished without waiting in line.");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        return booking;
    }

    private sealed class AsyncTurn(IDisposable turn, AsyncServiceScope scope) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            turn.Dispose();
            await scope.DisposeAsync();
        }
    }
}
