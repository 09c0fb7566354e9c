namespace Marketplace.Infrastructure.Bookings;

/// <summary>A producer asks for a stall on a fair day: a chosen one, or any suitable one (null).</summary>
public sealed record BookingRequest(int FairDayId, int ProducerId, int? StallId);

public enum BookingOutcomeKind
{
    /// <summary>First-come series: the stall is the producer's.</summary>
    Confirmed,
    /// <summary>Lottery series: the request waits for the draw.</summary>
    Requested,
    /// <summary>No suitable stall left: the producer is on the fair day's waiting list.</summary>
    Waitlisted,
    /// <summary>The chosen stall was just taken by someone else; the free ones are listed.</summary>
    StallTaken,
    /// <summary>The rules refuse the booking; see <see cref="BookingOutcome.Refusal"/>.</summary>
    Refused,
}

public enum BookingRefusal
{
    UnknownFairDay,
    /// <summary>No such producer, or its account was deleted.</summary>
    UnknownProducer,
    DayNotBookable,
    WindowNotOpen,
    WindowClosed,
    NotApproved,
    AlreadyBooked,
    UnknownStall,
    StallReserved,
}

/// <summary>What became of a booking request.</summary>
public sealed record BookingOutcome(
    BookingOutcomeKind Kind,
    int FairDayId,
    int? BookingId = null,
    string? StallCode = null,
    int? WaitlistPosition = null,
    decimal Fee = 0,
    bool FeeWaived = false,
    IReadOnlyList<string>? FreeStallCodes = null,
    BookingRefusal? Refusal = null);

/// <summary>The fee a producer would pay, shown before confirming.</summary>
public sealed record FeeQuote(decimal Amount, string CurrencyCode, bool Waived);

public enum CancelOutcome
{
    Cancelled,
    DeadlinePassed,
    NotFound,
    AlreadyCancelled,
}
