using Marketplace.Domain.Bookings;
using Xunit;

namespace Marketplace.Domain.Tests;

public class BookingTests
{
    private static readonly DateTime Created = new(2026, 11, 1, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 11, 2, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void A_confirmed_booking_holds_its_stall()
    {
        var booking = Booking.Confirm(fairDayId: 5, producerId: 8, stallId: 42, Created);

        Assert.Equal(5, booking.FairDayId);
        Assert.Equal(8, booking.ProducerId);
        Assert.Equal(42, booking.StallId);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.True(booking.HoldsStall);
        Assert.Equal(Created, booking.CreatedAtUtc);
        Assert.Equal(Created, booking.UpdatedAtUtc);
    }

    [Fact]
    public void A_waitlisted_booking_holds_no_stall()
    {
        var booking = Booking.Waitlist(fairDayId: 5, producerId: 8, Created);

        Assert.Equal(BookingStatus.Waitlisted, booking.Status);
        Assert.Null(booking.StallId);
        Assert.False(booking.HoldsStall);
        Assert.Equal(Created, booking.CreatedAtUtc);
        Assert.Equal(Created, booking.UpdatedAtUtc);
    }

    [Fact]
    public void Cancelling_a_booking_releases_its_stall()
    {
        var booking = Booking.Confirm(5, 8, 42, Created);

        booking.Cancel(Later);

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Null(booking.StallId);
        Assert.False(booking.HoldsStall);
        Assert.Equal(Later, booking.UpdatedAtUtc);
        Assert.Equal(Created, booking.CreatedAtUtc);
    }

    [Fact]
    public void Cancelling_a_waitlisted_booking_cancels_it()
    {
        var booking = Booking.Waitlist(5, 8, Created);

        booking.Cancel(Later);

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Null(booking.StallId);
    }

    [Fact]
    public void Cancelling_twice_keeps_the_first_cancellation_time()
    {
        var booking = Booking.Confirm(5, 8, 42, Created);
        booking.Cancel(Later);

        booking.Cancel(Later.AddDays(1));

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Equal(Later, booking.UpdatedAtUtc);
    }

    [Fact]
    public void The_holding_statuses_are_exactly_offered_confirmed_checked_in_and_no_show()
    {
        Assert.Equal(
            new[] { BookingStatus.Offered, BookingStatus.Confirmed, BookingStatus.CheckedIn, BookingStatus.NoShow }.Order(),
            Booking.HoldingStatuses.Order());
        Assert.Equal(Booking.HoldingStatuses.Count, Booking.HoldingStatuses.Distinct().Count());
    }

    [Theory]
    [InlineData(BookingStatus.Requested, false)]
    [InlineData(BookingStatus.Waitlisted, false)]
    [InlineData(BookingStatus.Offered, true)]
    [InlineData(BookingStatus.Confirmed, true)]
    [InlineData(BookingStatus.CheckedIn, true)]
    [InlineData(BookingStatus.NoShow, true)]
    [InlineData(BookingStatus.Cancelled, false)]
    public void Whether_a_booking_holds_its_stall_follows_its_status(BookingStatus status, bool holds)
    {
        var booking = new Booking { FairDayId = 5, ProducerId = 8, StallId = 42, Status = status };

        Assert.Equal(holds, booking.HoldsStall);
    }

    [Fact]
    public void Every_booking_status_is_classified()
    {
        // Guards the theory above: a new status must be added there and, if it holds, to HoldingStatuses.
        Assert.Equal(7, Enum.GetValues<BookingStatus>().Length);
    }

    [Fact]
    public void The_first_free_producer_slot_is_the_lowest_one_no_active_booking_uses()
    {
        Assert.Equal(1, Booking.FirstFreeProducerSlot([], 1));
        Assert.Null(Booking.FirstFreeProducerSlot([1], 1));
        Assert.Equal(2, Booking.FirstFreeProducerSlot([1, 3], 3));
        Assert.Null(Booking.FirstFreeProducerSlot([1, 2, 3], 3));
        // A booking from before slots existed (null) uses none.
        Assert.Equal(1, Booking.FirstFreeProducerSlot([null], 2));
        // A series set to zero still allows one.
        Assert.Equal(1, Booking.FirstFreeProducerSlot([], 0));
    }

    [Fact]
    public void Cancelling_a_booking_gives_its_producer_slot_back_and_a_cancelled_booking_takes_none()
    {
        var booking = Booking.Confirm(5, 8, 42, Created);
        booking.TakeProducerSlot(1);
        Assert.Equal(1, booking.ProducerSlot);

        booking.Cancel(Created.AddHours(1));

        Assert.Null(booking.ProducerSlot);
        Assert.Throws<InvalidOperationException>(() => booking.TakeProducerSlot(1));
    }
}
