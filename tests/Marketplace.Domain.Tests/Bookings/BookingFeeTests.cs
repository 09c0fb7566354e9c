using Marketplace.Domain.Bookings;
using Marketplace.Domain.Venues;
using Xunit;
using static Marketplace.Domain.Tests.Bookings.Fixtures;

namespace Marketplace.Domain.Tests.Bookings;

public class BookingFeeTests
{
    [Fact]
    public void The_fee_is_the_series_fee_for_the_stalls_kind()
    {
        Assert.Equal(new BookingFee(25m, false), BookingFee.For(Series(), StallKind.PreparedFood, Producer()));
    }

    [Fact]
    public void A_kind_without_a_fee_costs_nothing()
    {
        Assert.Equal(new BookingFee(0m, false), BookingFee.For(Series(), StallKind.Livestock, Producer()));
    }

    [Fact]
    public void A_waived_fee_keeps_its_amount_and_is_not_payable()
    {
        var fee = BookingFee.For(Series(), StallKind.Produce, Producer(feeWaived: true));

        Assert.Equal(10m, fee.Amount);
        Assert.True(fee.Waived);
        Assert.Equal(0m, fee.Payable);
    }

    [Fact]
    public void The_cheapest_fee_among_kinds_is_quoted_for_any_stall()
    {
        Assert.Equal(10m, BookingFee.Cheapest(Series(), [StallKind.PreparedFood, StallKind.Produce], Producer()).Amount);
        Assert.Equal(0m, BookingFee.Cheapest(Series(), [], Producer()).Amount);
    }
}
