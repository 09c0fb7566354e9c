using Marketplace.Domain.Bookings;
using Marketplace.Domain.Reports;
using Xunit;

namespace Marketplace.Domain.Tests.Operations;

public class AttendanceTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 13, 0, 0, DateTimeKind.Utc);

    private static Booking Confirmed(decimal fee = 10, bool waived = false) =>
        Booking.Confirm(7, 3, 11, new BookingFee(fee, waived), Now.AddDays(-5));

    [Fact]
    public void Checking_in_a_confirmed_booking_keeps_the_stall_and_records_the_arrival()
    {
        var booking = Confirmed();

        booking.CheckIn(Now);

        Assert.Equal(BookingStatus.CheckedIn, booking.Status);
        Assert.Equal(Now, booking.CheckedInAtUtc);
        Assert.True(booking.HoldsStall);
        Assert.Equal(11, booking.StallId);
    }

    [Fact]
    public void A_no_show_can_be_corrected_to_checked_in_and_back()
    {
        var booking = Confirmed();

        booking.MarkNoShow(Now);
        Assert.Equal(BookingStatus.NoShow, booking.Status);
        booking.CheckIn(Now.AddMinutes(20));
        Assert.Equal(BookingStatus.CheckedIn, booking.Status);
        booking.MarkNoShow(Now.AddMinutes(30));

        Assert.Equal(BookingStatus.NoShow, booking.Status);
        Assert.Null(booking.CheckedInAtUtc);
        Assert.True(booking.HoldsStall);
    }

    [Theory]
    [InlineData(BookingStatus.Cancelled)]
    [InlineData(BookingStatus.Waitlisted)]
    [InlineData(BookingStatus.Requested)]
    [InlineData(BookingStatus.Offered)]
    public void Only_a_confirmed_booking_is_checked_in_or_marked_absent(BookingStatus status)
    {
        var booking = Confirmed();
        booking.Status = status;

        Assert.Throws<InvalidOperationException>(() => booking.CheckIn(Now));
        Assert.Throws<InvalidOperationException>(() => booking.MarkNoShow(Now));
        Assert.Throws<InvalidOperationException>(() => booking.RecordCashPayment("1", Now));
        Assert.Throws<InvalidOperationException>(() => booking.WaiveFee(Now));
    }

    [Fact]
    public void A_cash_payment_collects_the_payable_fee_against_its_receipt_once()
    {
        var booking = Confirmed(fee: 12.5m);

        booking.RecordCashPayment("  B-0042 ", Now);

        Assert.Equal("B-0042", booking.FeeReceiptNumber);
        Assert.Equal(12.5m, booking.FeeCollectedAmount);
        Assert.True(booking.IsFeeSettled);
        Assert.Throws<InvalidOperationException>(() => booking.RecordCashPayment("B-0043", Now));
        Assert.Throws<InvalidOperationException>(() => booking.WaiveFee(Now));
    }

    [Fact]
    public void A_fee_waived_when_booking_collects_nothing_in_cash()
    {
        var booking = Confirmed(fee: 10, waived: true);

        booking.RecordCashPayment("B-1", Now);

        Assert.Equal(0m, booking.FeeCollectedAmount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void A_receipt_number_is_required_and_short(string receipt)
    {
        var booking = Confirmed();

        Assert.ThrowsAny<ArgumentException>(() => booking.RecordCashPayment(receipt, Now));
        Assert.False(booking.IsFeeSettled);
    }

    [Fact]
    public void Waiving_settles_the_fee_at_zero_without_a_receipt()
    {
        var booking = Confirmed();

        booking.WaiveFee(Now);

        Assert.True(booking.IsFeeWaived);
        Assert.Equal(0m, booking.FeeCollectedAmount);
        Assert.Null(booking.FeeReceiptNumber);
        Assert.Equal(Now, booking.FeeSettledAtUtc);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 0, 0)]
    [InlineData(1, 8, 13)]
    [InlineData(3, 8, 38)]
    [InlineData(9, 8, 100)]
    public void Occupancy_is_held_stalls_over_stalls_on_offer_rounded(int held, int stalls, int percent) =>
        Assert.Equal(percent, new Occupancy(held, stalls).Percent);

    [Fact]
    public void Fee_totals_separate_cash_waivers_and_what_is_still_to_collect()
    {
        var paid = Confirmed(fee: 10);
        paid.RecordCashPayment("1", Now);
        var waived = Confirmed(fee: 10);
        waived.WaiveFee(Now);
        var open = Confirmed(fee: 7.5m);

        var totals = FeeTotals.Of([paid, waived, open]);

        Assert.Equal(new FeeTotals(1, 10m, 1, 1, 7.5m), totals);
    }
}
