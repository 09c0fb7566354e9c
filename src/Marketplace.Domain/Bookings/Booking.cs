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
    /// <summary>
    /// Which of the producer's allowed bookings on the day this is (1 … the series' maximum),
    /// while it is not cancelled. Unique per (fair day, producer), so two simultaneous requests
    /// of one producer cannot both pass the "bookings per producer" rule on any database.
    /// </summary>
    public int? ProducerSlot { get; set; }
    /// <summary>When staff checked the producer in on the day.</summary>
    public DateTime? CheckedInAtUtc { get; set; }
    /// <summary>When staff settled the stall fee: paid in cash (with a receipt) or waived.</summary>
    public DateTime? FeeSettledAtUtc { get; set; }
    /// <summary>The number on the paper receipt given for a cash payment.</summary>
    public string? FeeReceiptNumber { get; set; }
    /// <summary>What was collected in cash (0 when waived).</summary>
    public decimal? FeeCollectedAmount { get; set; }
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

    /// <summary>A first-come booking confirmed on a free stall, at the fee shown.</summary>
    public static Booking Confirm(int fairDayId, int producerId, int stallId, BookingFee fee, DateTime utcNow)
    {
        var booking = Confirm(fairDayId, producerId, stallId, utcNow);
        booking.SetFee(fee);
        return booking;
    }

    /// <summary>A place on the waiting list at the given position, holding no stall.</summary>
    public static Booking Waitlist(int fairDayId, int producerId, int position, DateTime utcNow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        var booking = Waitlist(fairDayId, producerId, utcNow);
        booking.WaitlistPosition = position;
        return booking;
    }

    /// <summary>A lottery request, waiting for the draw; holds no stall.</summary>
    public static Booking Request(int fairDayId, int producerId, BookingFee fee, DateTime utcNow)
    {
        var booking = new Booking
        {
            FairDayId = fairDayId,
            ProducerId = producerId,
            Status = BookingStatus.Requested,
            CreatedAtUtc = utcNow,
            UpdatedAtUtc = utcNow,
        };
        booking.SetFee(fee);
        return booking;
    }

    /// <summary>An offer is open while the booking is offered and the offer has not expired.</summary>
    public bool IsOfferOpenAt(DateTime utcNow) =>
        Status == BookingStatus.Offered && OfferExpiresAtUtc is { } expires && utcNow < expires;

    /// <summary>Waitlisted → Offered: the freed stall is held for this producer until the offer expires.</summary>
    public void Offer(int stallId, BookingFee fee, DateTime expiresAtUtc, DateTime utcNow)
    {
        Require(BookingStatus.Waitlisted, nameof(Offer));
        if (expiresAtUtc <= utcNow)
        {
            throw new ArgumentException("An offer expires after it is made.", nameof(expiresAtUtc));
        }
        Status = BookingStatus.Offered;
        StallId = stallId;
        OfferExpiresAtUtc = expiresAtUtc;
        SetFee(fee);
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Offered → Confirmed, while the offer is open. The waitlist position is kept as history.</summary>
    public void AcceptOffer(DateTime utcNow)
    {
        if (!IsOfferOpenAt(utcNow))
        {
            throw new InvalidOperationException("Only an open offer can be accepted.");
        }
        Status = BookingStatus.Confirmed;
        OfferExpiresAtUtc = null;
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Offered → Cancelled: the producer does not want the stall; it passes to the next.</summary>
    public void DeclineOffer(DateTime utcNow)
    {
        Require(BookingStatus.Offered, nameof(DeclineOffer));
        Cancel(utcNow);
    }

    /// <summary>Offered → Cancelled once the offer's time is up; the stall passes to the next.</summary>
    public void ExpireOffer(DateTime utcNow)
    {
        Require(BookingStatus.Offered, nameof(ExpireOffer));
        if (IsOfferOpenAt(utcNow))
        {
            throw new InvalidOperationException("The offer has not expired yet.");
        }
        Cancel(utcNow);
    }

    /// <summary>Requested → Confirmed: the lottery drew this request and gave it a stall.</summary>
    public void WinDraw(int stallId, BookingFee fee, DateTime utcNow)
    {
        Require(BookingStatus.Requested, nameof(WinDraw));
        Status = BookingStatus.Confirmed;
        StallId = stallId;
        SetFee(fee);
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Requested → Waitlisted: drawn after the stalls ran out, at the given position.</summary>
    public void LoseDraw(int position, DateTime utcNow)
    {
        Require(BookingStatus.Requested, nameof(LoseDraw));
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        Status = BookingStatus.Waitlisted;
        WaitlistPosition = position;
        UpdatedAtUtc = utcNow;
    }

    /// <summary>
    /// The lowest slot (1 … <paramref name="maxPerProducer"/>) none of the producer's active
    /// bookings on the day uses, or null when every slot is taken.
    /// </summary>
    public static int? FirstFreeProducerSlot(IEnumerable<int?> slotsInUse, int maxPerProducer)
    {
        var used = slotsInUse.OfType<int>().ToHashSet();
        for (var slot = 1; slot <= Math.Max(1, maxPerProducer); slot++)
        {
            if (!used.Contains(slot))
            {
                return slot;
            }
        }
        return null;
    }

    /// <summary>Marks this active booking as the producer's <paramref name="slot"/>-th of the day.</summary>
    public void TakeProducerSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        if (Status == BookingStatus.Cancelled)
        {
            throw new InvalidOperationException("A cancelled booking takes no slot.");
        }
        ProducerSlot = slot;
    }

    /// <summary>The last instant a producer may cancel a booking on the day.</summary>
    public static DateTime CancellableUntil(FairDay day, FairSeries series) =>
        day.StartsAtUtc.AddHours(-series.CancellationDeadlineHours);

    public void Cancel(DateTime utcNow)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return;
        }
        Status = BookingStatus.Cancelled;
        StallId = null;
        ProducerSlot = null;
        OfferExpiresAtUtc = null;
        UpdatedAtUtc = utcNow;
        CancelledAtUtc = utcNow;
    }

    public const int MaxReceiptNumberLength = 40;

    /// <summary>The bookings on a fair day's check-in list: those that hold their stall on the day.</summary>
    public static readonly IReadOnlyList<BookingStatus> AttendanceStatuses =
        [BookingStatus.Confirmed, BookingStatus.CheckedIn, BookingStatus.NoShow];

    public bool IsFeeSettled => FeeSettledAtUtc is not null;

    /// <summary>Confirmed (or a no-show corrected) → CheckedIn: the producer arrived at the stall.</summary>
    public void CheckIn(DateTime utcNow)
    {
        RequireAttendance(nameof(CheckIn));
        Status = BookingStatus.CheckedIn;
        CheckedInAtUtc = utcNow;
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Confirmed (or a check-in corrected) → NoShow: the stall stays held, the absence counts.</summary>
    public void MarkNoShow(DateTime utcNow)
    {
        RequireAttendance(nameof(MarkNoShow));
        Status = BookingStatus.NoShow;
        CheckedInAtUtc = null;
        UpdatedAtUtc = utcNow;
    }

    /// <summary>The stall fee paid in cash on the day, against a numbered paper receipt.</summary>
    public void RecordCashPayment(string receiptNumber, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(receiptNumber);
        if (receiptNumber.Trim().Length > MaxReceiptNumberLength)
        {
            throw new ArgumentException($"A receipt number has at most {MaxReceiptNumberLength} characters.",
                nameof(receiptNumber));
        }
        RequireUnsettledFee(nameof(RecordCashPayment));
        FeeReceiptNumber = receiptNumber.Trim();
        FeeCollectedAmount = new BookingFee(FeeAmount, IsFeeWaived).Payable;
        FeeSettledAtUtc = utcNow;
        UpdatedAtUtc = utcNow;
    }

    /// <summary>Staff let the producer off the stall fee for this day.</summary>
    public void WaiveFee(DateTime utcNow)
    {
        RequireUnsettledFee(nameof(WaiveFee));
        IsFeeWaived = true;
        FeeCollectedAmount = 0;
        FeeReceiptNumber = null;
        FeeSettledAtUtc = utcNow;
        UpdatedAtUtc = utcNow;
    }

    private void RequireAttendance(string transition)
    {
        if (!AttendanceStatuses.Contains(Status))
        {
            throw new InvalidOperationException($"{transition} needs a confirmed booking, not a {Status} one.");
        }
    }

    private void RequireUnsettledFee(string transition)
    {
        RequireAttendance(transition);
        if (IsFeeSettled)
        {
            throw new InvalidOperationException("The fee of this booking is already settled.");
        }
    }

    private void SetFee(BookingFee fee)
    {
        FeeAmount = fee.Amount;
        IsFeeWaived = fee.Waived;
    }

    private void Require(BookingStatus status, string transition)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"{transition} needs a {status} booking, not a {Status} one.");
        }
    }
}
