using System.Globalization;
using Marketplace.Domain.Bookings;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Tests.Bookings;

/// <summary>Cancel → offer → expiry → next offer, driven by the site's adjustable clock, mail checked at a real SMTP server.</summary>
public class WaitlistOfferTests(BookingMailSite fixture) : IClassFixture<BookingMailSite>
{
    private MailFactory Site => fixture.Site;
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_stall_is_offered_to_the_first_waitlisted_and_an_expired_offer_passes_to_the_next()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, new SceneOptions { Stalls = 1, OfferHoldHours = 24 });
        var holder = await scene.AddProducerWithEmailAsync(Site, "es");
        var first = await scene.AddProducerWithEmailAsync(Site, "pt-BR");
        var second = await scene.AddProducerWithEmailAsync(Site, "en");
        var held = await Desk.BookAsync(Site, scene.DayId, holder.ProducerId);
        var firstWaiting = await Desk.BookAsync(Site, scene.DayId, first.ProducerId);
        var secondWaiting = await Desk.BookAsync(Site, scene.DayId, second.ProducerId);
        Assert.Equal(BookingOutcomeKind.Confirmed, held.Kind);
        Assert.Equal((BookingOutcomeKind.Waitlisted, 1), (firstWaiting.Kind, firstWaiting.WaitlistPosition));
        Assert.Equal((BookingOutcomeKind.Waitlisted, 2), (secondWaiting.Kind, secondWaiting.WaitlistPosition));

        var cancelledAt = Site.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(CancelOutcome.Cancelled,
            await Desk.CallAsync(Site, desk => desk.CancelAsync(held.BookingId!.Value, holder.ProducerId, Token)));

        var offer = await BookingAsync(firstWaiting.BookingId!.Value);
        Assert.Equal(BookingStatus.Offered, offer.Status);
        Assert.Equal(scene.StallIds[0], offer.StallId);
        Assert.InRange(offer.OfferExpiresAtUtc!.Value, cancelledAt.AddHours(24), cancelledAt.AddHours(24).AddMinutes(1));
        await Desk.DispatchMailAsync(Site);
        var date = await Site.WithDbAsync(db => db.FairDays.Where(d => d.Id == scene.DayId).Select(d => d.Date).SingleAsync(Token));
        var offerMail = await fixture.MailAsync(first.Email, "waitlist-offer");
        Assert.Equal($"Huancavelica: a banca P-01 ficou livre para {date.ToString("d", CultureInfo.GetCultureInfo("pt-BR"))}",
            offerMail.Subject);
        Assert.Contains("/Producer", offerMail.TextBody);
        Assert.Contains("Aceitar ou recusar a oferta", offerMail.TextBody);
        Assert.Contains("cancelada", (await fixture.MailAsync(holder.Email, "booking-cancelled")).Subject);

        // Not yet due: the sweep leaves the open offer alone.
        Site.Clock.Advance(TimeSpan.FromHours(23));
        await Desk.ExpireOffersAsync(Site);
        Assert.Equal(BookingStatus.Offered, (await BookingAsync(offer.Id)).Status);

        Site.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await Desk.ExpireOffersAsync(Site) >= 1);

        Assert.Equal(BookingStatus.Cancelled, (await BookingAsync(offer.Id)).Status);
        var next = await BookingAsync(secondWaiting.BookingId!.Value);
        Assert.Equal(BookingStatus.Offered, next.Status);
        Assert.Equal(scene.StallIds[0], next.StallId);
        Assert.False(await Desk.CallAsync(Site, desk => desk.AcceptOfferAsync(offer.Id, first.ProducerId, Token)));
        await Desk.DispatchMailAsync(Site);
        Assert.Contains("P-01", (await fixture.MailAsync(first.Email, "offer-expired")).Subject);
        var nextMail = await fixture.MailAsync(second.Email, "waitlist-offer");
        Assert.Equal($"Huancavelica: stall P-01 is free for {date.ToString("d", CultureInfo.GetCultureInfo("en"))}", nextMail.Subject);
        Assert.Contains(date.ToString("D", CultureInfo.GetCultureInfo("en")), nextMail.TextBody);

        Assert.True(await Desk.CallAsync(Site, desk => desk.AcceptOfferAsync(next.Id, second.ProducerId, Token)));
        var confirmed = await BookingAsync(next.Id);
        Assert.Equal(BookingStatus.Confirmed, confirmed.Status);
        Assert.Null(confirmed.OfferExpiresAtUtc);
        Site.Clock.Advance(TimeSpan.FromHours(30));
        await Desk.ExpireOffersAsync(Site);
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(next.Id)).Status);
        await Desk.DispatchMailAsync(Site);
        Assert.Contains("P-01", (await fixture.MailAsync(second.Email, "booking-confirmed")).Subject);
    }

    [Fact]
    public async Task A_declined_offer_passes_at_once_to_the_next_in_line()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, new SceneOptions { Stalls = 1 });
        var producers = await scene.AddProducersAsync(Site, 3);
        var outcomes = new List<BookingOutcome>();
        foreach (var producerId in producers)
        {
            outcomes.Add(await Desk.BookAsync(Site, scene.DayId, producerId));
        }
        await Desk.CallAsync(Site, desk => desk.CancelAsync(outcomes[0].BookingId!.Value, producers[0], Token));

        Assert.False(await Desk.CallAsync(Site, desk => desk.DeclineOfferAsync(outcomes[1].BookingId!.Value, producers[2], Token)));
        Assert.True(await Desk.CallAsync(Site, desk => desk.DeclineOfferAsync(outcomes[1].BookingId!.Value, producers[1], Token)));

        Assert.Equal(BookingStatus.Cancelled, (await BookingAsync(outcomes[1].BookingId!.Value)).Status);
        var next = await BookingAsync(outcomes[2].BookingId!.Value);
        Assert.Equal(BookingStatus.Offered, next.Status);
        // Producers without e-mail are told by phone: the offer is on the staff's list.
        var notices = await Site.WithDbAsync(db => db.PhoneNotices.CountAsync(n => n.ProducerId == producers[2], Token));
        Assert.Equal(2, notices);
    }

    [Fact]
    public async Task Only_the_producer_cancels_its_booking_and_only_before_the_deadline()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock,
            new SceneOptions { StartsIn = TimeSpan.FromHours(30), CancellationDeadlineHours = 24 });
        var producers = await scene.AddProducersAsync(Site, 2);
        var booking = await Desk.BookAsync(Site, scene.DayId, producers[0]);
        var bookingId = booking.BookingId!.Value;

        Assert.Equal(CancelOutcome.NotFound, await Desk.CallAsync(Site, desk => desk.CancelAsync(bookingId, producers[1], Token)));
        Assert.Equal(CancelOutcome.NotFound, await Desk.CallAsync(Site, desk => desk.CancelAsync(int.MaxValue, producers[0], Token)));
        Site.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(CancelOutcome.DeadlinePassed, await Desk.CallAsync(Site, desk => desk.CancelAsync(bookingId, producers[0], Token)));
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(bookingId)).Status);
    }

    [Fact]
    public async Task Cancelling_twice_answers_already_cancelled()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock);
        var producers = await scene.AddProducersAsync(Site, 1);
        var booking = await Desk.BookAsync(Site, scene.DayId, producers[0]);

        Assert.Equal(CancelOutcome.Cancelled,
            await Desk.CallAsync(Site, desk => desk.CancelAsync(booking.BookingId!.Value, producers[0], Token)));
        Assert.Equal(CancelOutcome.AlreadyCancelled,
            await Desk.CallAsync(Site, desk => desk.CancelAsync(booking.BookingId!.Value, producers[0], Token)));
    }

    [Fact]
    public async Task An_offer_never_holds_past_the_days_start()
    {
        var scene = await BookingScene.CreateAsync(Site, Site.Clock, new SceneOptions
        {
            Stalls = 1, StartsIn = TimeSpan.FromHours(30), CancellationDeadlineHours = 24, OfferHoldHours = 48,
        });
        var producers = await scene.AddProducersAsync(Site, 2);
        var held = await Desk.BookAsync(Site, scene.DayId, producers[0]);
        var waiting = await Desk.BookAsync(Site, scene.DayId, producers[1]);

        await Desk.CallAsync(Site, desk => desk.CancelAsync(held.BookingId!.Value, producers[0], Token));

        var offer = await BookingAsync(waiting.BookingId!.Value);
        var day = await Site.WithDbAsync(db => db.FairDays.SingleAsync(d => d.Id == scene.DayId, Token));
        Assert.Equal(day.StartsAtUtc, offer.OfferExpiresAtUtc);
    }

    private Task<Booking> BookingAsync(int id) =>
        Site.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == id, Token));
}
