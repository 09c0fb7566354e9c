using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Venues;
using Xunit;
using static Marketplace.Domain.Tests.Bookings.Fixtures;

namespace Marketplace.Domain.Tests.Bookings;

public class StallAllocationTests
{
    [Fact]
    public void Any_stall_on_a_first_come_day_takes_the_first_free_stall_by_code()
    {
        var stalls = Stalls(4);
        var decision = StallAllocation.Decide(Request(Producer()), Floor(stalls, (1, Nobody), (3, Nobody)));

        Assert.Equal(AllocationKind.Take, decision.Kind);
        Assert.Equal("S-02", decision.Stall!.Code);
        Assert.Equal(new BookingFee(10m, false), decision.Fee);
    }

    [Fact]
    public void Retired_stalls_are_never_given()
    {
        var stalls = Stalls(3);
        stalls[0].IsRetired = true;

        var any = StallAllocation.Decide(Request(Producer()), Floor(stalls));
        var chosen = StallAllocation.Decide(Request(Producer(), stallId: 1), Floor(stalls));

        Assert.Equal("S-02", any.Stall!.Code);
        Assert.Equal(RefusalReason.UnknownStall, chosen.Refusal);
    }

    [Fact]
    public void A_chosen_free_stall_is_taken_at_its_kinds_fee()
    {
        var stalls = Stalls(2);
        stalls[1].Kind = StallKind.PreparedFood;

        var decision = StallAllocation.Decide(Request(Producer(), stallId: 2), Floor(stalls));

        Assert.Equal(AllocationKind.Take, decision.Kind);
        Assert.Equal(2, decision.Stall!.Id);
        Assert.Equal(25m, decision.Fee.Amount);
    }

    [Fact]
    public void A_chosen_stall_someone_holds_answers_with_the_free_stalls_left()
    {
        var decision = StallAllocation.Decide(Request(Producer(), stallId: 2), Floor(Stalls(4), (2, Nobody), (4, Nobody)));

        Assert.Equal(AllocationKind.StallTaken, decision.Kind);
        Assert.Equal(["S-01", "S-03"], decision.FreeStallCodes);
    }

    [Fact]
    public void Booking_a_full_day_puts_the_producer_on_the_waitlist()
    {
        var decision = StallAllocation.Decide(Request(Producer()), Floor(Stalls(2), (1, Nobody), (2, Nobody)));

        Assert.Equal(AllocationKind.Waitlist, decision.Kind);
        Assert.Null(decision.Stall);
    }

    [Fact]
    public void A_stall_outside_the_venue_is_unknown()
    {
        var decision = StallAllocation.Decide(Request(Producer(), stallId: 99), Floor(Stalls(2)));

        Assert.Equal(RefusalReason.UnknownStall, decision.Refusal);
    }

    [Theory]
    [InlineData(-10, RefusalReason.WindowNotOpen)]
    [InlineData(9, RefusalReason.WindowClosed)]
    [InlineData(9.5, RefusalReason.WindowClosed)]
    public void Outside_the_booking_window_the_booking_is_refused(double daysFromNow, RefusalReason reason)
    {
        var decision = StallAllocation.Decide(Request(Producer(), now: Now.AddDays(daysFromNow)), Floor(Stalls(2)));

        Assert.Equal(AllocationKind.Refuse, decision.Kind);
        Assert.Equal(reason, decision.Refusal);
    }

    [Fact]
    public void The_window_is_open_from_its_first_instant()
    {
        var day = Day();

        var decision = StallAllocation.Decide(Request(Producer(), day: day, now: day.BookingOpensAtUtc), Floor(Stalls(2)));

        Assert.Equal(AllocationKind.Take, decision.Kind);
    }

    [Theory]
    [InlineData(FairDayStatus.Skipped)]
    [InlineData(FairDayStatus.Cancelled)]
    public void A_skipped_or_cancelled_day_is_not_bookable(FairDayStatus status)
    {
        var decision = StallAllocation.Decide(Request(Producer(), day: Day(status)), Floor(Stalls(2)));

        Assert.Equal(RefusalReason.DayNotBookable, decision.Refusal);
    }

    [Fact]
    public void A_series_that_requires_approval_refuses_producers_not_approved()
    {
        var series = Series(requiresApproval: true);

        var refused = StallAllocation.Decide(Request(Producer(), series: series, approved: false), Floor(Stalls(2)));
        var accepted = StallAllocation.Decide(Request(Producer(), series: series, approved: true), Floor(Stalls(2)));

        Assert.Equal(RefusalReason.NotApproved, refused.Refusal);
        Assert.Equal(AllocationKind.Take, accepted.Kind);
    }

    [Fact]
    public void A_producer_books_one_stall_per_day_unless_the_series_allows_more()
    {
        var once = StallAllocation.Decide(Request(Producer(), activeBookings: 1), Floor(Stalls(3)));
        var twiceAllowed = StallAllocation.Decide(
            Request(Producer(), series: Series(maxStalls: 2), activeBookings: 1), Floor(Stalls(3)));
        var thirdRefused = StallAllocation.Decide(
            Request(Producer(), series: Series(maxStalls: 2), activeBookings: 2), Floor(Stalls(3)));

        Assert.Equal(RefusalReason.AlreadyBooked, once.Refusal);
        Assert.Equal(AllocationKind.Take, twiceAllowed.Kind);
        Assert.Equal(RefusalReason.AlreadyBooked, thirdRefused.Refusal);
    }

    [Fact]
    public void A_lottery_series_collects_a_request_whatever_is_free()
    {
        var series = Series(AllocationMode.Lottery);

        var decision = StallAllocation.Decide(Request(Producer(), series: series), Floor(Stalls(1), (1, Nobody)));

        Assert.Equal(AllocationKind.Request, decision.Kind);
        Assert.Null(decision.Stall);
        Assert.Equal(10m, decision.Fee.Amount);
    }

    [Fact]
    public void The_fee_is_waived_for_a_flagged_producer()
    {
        var decision = StallAllocation.Decide(Request(Producer(feeWaived: true)), Floor(Stalls(2)));

        Assert.Equal(new BookingFee(10m, true), decision.Fee);
        Assert.Equal(0m, decision.Fee.Payable);
    }

    [Fact]
    public void A_non_eligible_producer_is_waitlisted_when_the_free_stalls_are_reserved()
    {
        // 10 stalls, 20 % for women: 2 reserved. 7 held by others, 3 free: one may still go to anyone.
        var series = Series(womenPercent: 20);
        var held = Enumerable.Range(1, 7).Select(i => (i, Nobody)).ToArray();

        var first = StallAllocation.Decide(Request(Producer(), series: series), Floor(Stalls(10), held));
        var second = StallAllocation.Decide(Request(Producer(), series: series),
            Floor(Stalls(10), [.. held, (8, Nobody)]));

        Assert.Equal(AllocationKind.Take, first.Kind);
        Assert.Equal(AllocationKind.Waitlist, second.Kind);
    }

    [Fact]
    public void A_reserved_stall_goes_to_an_eligible_producer()
    {
        var series = Series(womenPercent: 20);
        var held = Enumerable.Range(1, 8).Select(i => (i, Nobody)).ToArray();

        var woman = StallAllocation.Decide(Request(Woman(), series: series), Floor(Stalls(10), held));
        var local = StallAllocation.Decide(Request(Local(), series: series), Floor(Stalls(10), held));

        Assert.Equal(AllocationKind.Take, woman.Kind);
        Assert.Equal(AllocationKind.Waitlist, local.Kind);
    }

    [Fact]
    public void Choosing_a_reserved_stall_is_refused_as_reserved()
    {
        var series = Series(localPercent: 50);

        var decision = StallAllocation.Decide(Request(Producer(), stallId: 2, series: series),
            Floor(Stalls(2), (1, Nobody)));

        Assert.Equal(RefusalReason.StallReserved, decision.Refusal);
    }

    [Fact]
    public void The_refusals_are_checked_in_order_day_window_approval_bookings()
    {
        var decision = StallAllocation.Decide(
            Request(Producer(), series: Series(requiresApproval: true), day: Day(FairDayStatus.Cancelled), activeBookings: 3,
                now: Now.AddDays(30)),
            Floor(Stalls(1)));

        Assert.Equal(RefusalReason.DayNotBookable, decision.Refusal);
    }
}
