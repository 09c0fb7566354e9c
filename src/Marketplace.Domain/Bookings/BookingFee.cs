using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Venues;

namespace Marketplace.Domain.Bookings;

/// <summary>
/// The fee of a stall: the series' fee for the stall's kind (0 when the series sets none).
/// <see cref="Amount"/> stays the listed fee when it is waived; <see cref="Payable"/> is what the
/// producer pays.
/// </summary>
public readonly record struct BookingFee(decimal Amount, bool Waived)
{
    public decimal Payable => Waived ? 0 : Amount;

    public static BookingFee For(FairSeries series, StallKind kind, Producer producer) =>
        new(series.Fees.FirstOrDefault(f => f.StallKind == kind)?.Amount ?? 0, producer.IsFeeWaived);

    /// <summary>The lowest fee among the given stall kinds (0 when there are none).</summary>
    public static BookingFee Cheapest(FairSeries series, IEnumerable<StallKind> kinds, Producer producer)
    {
        var fees = kinds.Distinct().Select(k => For(series, k, producer).Amount).ToList();
        return new BookingFee(fees.Count == 0 ? 0 : fees.Min(), producer.IsFeeWaived);
    }
}
