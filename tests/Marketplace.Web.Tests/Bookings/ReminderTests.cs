using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>The 48-hour reminder: sent once per confirmed booking, whoever sweeps.</summary>
public class ReminderTests(BookingMailSite fixture) : IClassFixture<BookingMailSite>
{
    private MailFactory Site => fixture.Site;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_confirmed_booking_is_reminded_once_within_48_hours_of_the_start()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, new SceneOptions { StartsIn = TimeSpan.FromHours(72) });
        var producer = await scene.AddProducerWithEmailAsync(Site, "en");
        var booking = await Desk.BookAsync(Site, scene.DayId, producer.ProducerId);
        Assert.Equal(BookingOutcomeKind.Confirmed, booking.Kind);

        await Desk.SendRemindersAsync(Site);
        Assert.Null((await BookingAsync(booking.BookingId!.Value)).ReminderSentAtUtc);

        Site.Clock.Advance(TimeSpan.FromHours(25));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Desk.SendRemindersAsync(Site), Token)));
        await Desk.SendRemindersAsync(Site);

        Assert.NotNull((await BookingAsync(booking.BookingId.Value)).ReminderSentAtUtc);
        await Desk.DispatchMailAsync(Site);
        var arrived = await fixture.MailAsync(producer.Email, "booking-reminder");
        Assert.StartsWith($"Huancavelica: reminder, {scene.SeriesName} on ", arrived.Subject);
        Assert.Contains("Stall: P-01", arrived.TextBody);
    }

    [Fact]
    public async Task Waitlisted_and_cancelled_bookings_get_no_reminder()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, new SceneOptions { Stalls = 1, StartsIn = TimeSpan.FromHours(40) });
        var producers = await scene.AddProducersAsync(Site, 2);
        var first = await Desk.BookAsync(Site, scene.DayId, producers[0]);
        await Desk.BookAsync(Site, scene.DayId, producers[1]);
        await Desk.CallAsync(Site, desk => desk.CancelAsync(first.BookingId!.Value, producers[0], Token));
        // The stall went to the waitlisted producer as an offer, not yet a confirmed booking.

        await Desk.SendRemindersAsync(Site);

        Assert.All(await scene.BookingsAsync(Site), b => Assert.Null(b.ReminderSentAtUtc));
    }

    private Task<Booking> BookingAsync(int id) =>
        Site.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, Token));
}
