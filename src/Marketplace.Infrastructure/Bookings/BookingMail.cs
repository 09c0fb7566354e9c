using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Mail;

namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// The booking e-mails (or phone notices) through <see cref="ProducerMessenger"/>; the caller
/// saves them with its change. Every template gets {1} the series' name, {2} the day's local
/// date (a <see cref="DateOnly"/>), {3} its local start time (a <see cref="TimeOnly"/>) and {4} the
/// venue's name; the templates format date and time in the recipient's culture. The fair day must
/// be loaded with its series and venue (and the venue's municipality for offers).
/// </summary>
public sealed class BookingMail(ProducerMessenger messenger, Outbox outbox)
{
    public const string ProducerArea = "/Producer";

    /// <summary>Reads the producers' accounts at once, for a group of booking e-mails about to be sent.</summary>
    public Task PrepareAsync(IEnumerable<Producer> producers, CancellationToken cancellationToken) =>
        messenger.PrepareAsync(producers, cancellationToken);

    /// <summary>BookingConfirmed: {5} stall code, {6} the fee payable, {7} its currency code.</summary>
    public Task ConfirmedAsync(Producer producer, FairDay day, string stallCode, BookingFee fee) =>
        messenger.NotifyAsync(producer, "booking-confirmed", "BookingConfirmed", outbox.Link(ProducerArea),
            [.. Facts(day), stallCode, fee.Payable, day.FairSeries!.OrganizerMunicipality?.CurrencyCode ?? ""]);

    /// <summary>WaitlistJoined: {5} the waitlist position.</summary>
    public Task WaitlistedAsync(Producer producer, FairDay day, int position) =>
        messenger.NotifyAsync(producer, "waitlist-joined", "WaitlistJoined", outbox.Link(ProducerArea),
            [.. Facts(day), position]);

    /// <summary>WaitlistOffer: {5} stall code, {6} the offer's expiry in the venue's local time.</summary>
    public Task OfferedAsync(Producer producer, FairDay day, string stallCode, DateTime expiresAtUtc) =>
        messenger.NotifyAsync(producer, "waitlist-offer", "WaitlistOffer", outbox.Link(ProducerArea),
            [.. Facts(day), stallCode, day.Venue!.Municipality!.Clock().ToLocal(expiresAtUtc)]);

    /// <summary>OfferExpired: {5} stall code.</summary>
    public Task OfferExpiredAsync(Producer producer, FairDay day, string stallCode) =>
        messenger.NotifyAsync(producer, "offer-expired", "OfferExpired", null, [.. Facts(day), stallCode]);

    /// <summary>BookingReminder: {5} stall code.</summary>
    public Task ReminderAsync(Producer producer, FairDay day, string stallCode) =>
        messenger.NotifyAsync(producer, "booking-reminder", "BookingReminder", outbox.Link(ProducerArea),
            [.. Facts(day), stallCode]);

    /// <summary>BookingCancelled: no more values.</summary>
    public Task CancelledAsync(Producer producer, FairDay day) =>
        messenger.NotifyAsync(producer, "booking-cancelled", "BookingCancelled", null, Facts(day));

    private static object[] Facts(FairDay day) => [day.FairSeries!.Name, day.Date, day.StartTime, day.Venue!.Name];
}
