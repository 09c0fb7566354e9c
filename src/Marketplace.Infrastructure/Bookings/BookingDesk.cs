namespace Marketplace.Infrastructure.Bookings;

/// <summary>
/// The one place where bookings change: booking, cancelling, waitlist offers. Every method
/// commits its change (and the e-mails it causes) in one transaction and is safe under
/// concurrency; pages and jobs only call it.
/// </summary>
public sealed class BookingDesk
{
    /// <summary>The fee for a stall (or the cheapest suitable one when null), waived where the producer is flagged.</summary>
    public Task<FeeQuote> QuoteAsync(int fairDayId, int producerId, int? stallId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Books one fair day under the series' rules (window, approval, quotas, one per producer).</summary>
    public Task<BookingOutcome> BookAsync(BookingRequest request, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Books every upcoming, bookable fair day of a series for the producer (any suitable stall).</summary>
    public Task<IReadOnlyList<BookingOutcome>> BookSeriesAsync(int seriesId, int producerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Cancels the producer's own booking before the deadline; its stall is offered to the waitlist.</summary>
    public Task<CancelOutcome> CancelAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Accepts the producer's own open offer: the booking becomes confirmed.</summary>
    public Task<bool> AcceptOfferAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>Declines the producer's own open offer: the stall passes to the next on the waitlist.</summary>
    public Task<bool> DeclineOfferAsync(int bookingId, int producerId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
