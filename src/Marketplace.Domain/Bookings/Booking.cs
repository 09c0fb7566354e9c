using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Bookings;

/// <summary>
/// A producer's place at one fair day. Offered, confirmed, checked-in and no-show bookings hold
/// their stall; the database refuses a second holder of the same stall on the same fair day.
/// </summary>
public class Booking : IVersioned
{
    /// <summary>The statuses that hold a stall, as named in the filtered unique index.</summary>
    public static readonly IReadOnlyList<BookingStatus> HoldingStatuses =
        [BookingStatus.Offered, BookingStatus.Confirmed, BookingStatus.CheckedIn, BookingStatus.NoShow];

    public int Id { get; set; }
    public int FairDayId { get; set; }
    public FairDay? FairDay { get; set; }
    public int ProducerId { get; set; }
    public Producer? Producer { get; set; }
    public int? StallId { get; set; }
    public Stall? Stall { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public Guid Version { get; set; }
    /// <summary>Order on the waiting list (1, 2, …), unique per fair day; kept when offered.</summary>
    public int? WaitlistPosition { get; set; }
    /// <summary>Until when an offer holds its stall (due work, swept by a job).</summary>
    public DateTime? OfferExpiresAtUtc { get; set; }
    /// <summary>The fee shown and agreed when booking, in the municipality's currency.</summary>
    public decimal FeeAmount { get; set; }
    public bool IsFeeWaived { get; set; }
    /// <summary>When the 48-hour reminder went out (due work, swept by a job).</summary>
    public DateTime? ReminderSentAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public List<BookingItem> Items { get; set; } = [];

    public bool HoldsStall => HoldingStatuses.Contains(Status);

    /// <summary>A first-come booking confirmed on a free stall.</summary>
    public static Booking Confirm(int fairDayId, int producerId, int stallId, DateTime utcNow) => new()
    {
        FairDayId = fairDayId,
        ProducerId = producerId,
        StallId = stallId,
        Status = BookingStatus.Confirmed,
        CreatedAtUtc = utcNow,
        UpdatedAtUtc = utcNow,
    };

    /// <summary>A place on the waiting list, holding no stall.</summary>
    public static Booking Waitlist(int fairDayId, int producerId, DateTime utcNow) => new()
    {
        FairDayId = fairDayId,
        ProducerId = producerId,
        Status = BookingStatus.Waitlisted,
        CreatedAtUtc = utcNow,
        UpdatedAtUtc = utcNow,
    };

    public void Cancel(DateTime utcNow)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return;
        }
        Status = BookingStatus.Cancelled;
        StallId = null;
        OfferExpiresAtUtc = null;
        UpdatedAtUtc = utcNow;
        CancelledAtUtc = utcNow;
    }
}
