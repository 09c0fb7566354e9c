namespace Marketplace.Domain.Reports;

/// <summary>
/// How full a fair day (or a series over a period) was: bookings holding a stall against the
/// stalls on offer. A day without stalls on offer counts as 0 %, never as a division by zero.
/// </summary>
public readonly record struct Occupancy(int Held, int Stalls)
{
    public int Percent => Stalls <= 0 ? 0 : (int)Math.Round(100m * Math.Min(Held, Stalls) / Stalls, MidpointRounding.AwayFromZero);

    public static Occupancy Sum(IEnumerable<Occupancy> days) =>
        days.Aggregate(new Occupancy(0, 0), (total, day) => new Occupancy(total.Held + day.Held, total.Stalls + day.Stalls));
}

/// <summary>The stall fees of a set of bookings: collected in cash, waived, and still to collect.</summary>
public readonly record struct FeeTotals(int Paid, decimal Collected, int Waived, int Unsettled, decimal Outstanding)
{
    public static FeeTotals Of(IEnumerable<Bookings.Booking> bookings)
    {
        int paid = 0, waived = 0, unsettled = 0;
        decimal collected = 0, outstanding = 0;
        foreach (var booking in bookings)
        {
            if (booking.FeeSettledAtUtc is null)
            {
                unsettled++;
                outstanding += new Bookings.BookingFee(booking.FeeAmount, booking.IsFeeWaived).Payable;
            }
            else if (booking.FeeReceiptNumber is null)
            {
                waived++;
            }
            else
            {
                paid++;
                collected += booking.FeeCollectedAmount ?? 0;
            }
        }
        return new FeeTotals(paid, collected, waived, unsettled, outstanding);
    }
}
