using Marketplace.Domain.Bookings;
using Marketplace.Domain.Fairs;
using Xunit;
using static Marketplace.Domain.Tests.Bookings.Fixtures;

namespace Marketplace.Domain.Tests.Bookings;

/// <summary>The waitlist state machine: Waitlisted → Offered → Confirmed, or Cancelled when declined or expired.</summary>
public class WaitlistTests
{
    private static readonly BookingFee Fee = new(10m, false);

    [Fact]
    public void A_waitlisted_producer_is_offered_a_freed_stall_which_it_holds_until_the_offer_expires()
    {
        var booking = Booking.Waitlist(7, 100, position: 3, Now);

        booking.Offer(stallId: 42, Fee, Now.AddHours(24), Now.AddMinutes(5));

        Assert.Equal(BookingStatus.Offered, booking.Status);
        Assert.Equal(42, booking.StallId);
        Assert.True(booking.HoldsStall);
        Assert.Equal(3, booking.WaitlistPosition);
        Assert.Equal(Now.AddHours(24), booking.OfferExpiresAtUtc);
        Assert.True(booking.IsOfferOpenAt(Now.AddHours(23)));
        Assert.False(booking.IsOfferOpenAt(Now.AddHours(24)));
    }

    [Fact]
    public void Accepting_an_open_offer_confirms_the_booking_on_its_stall()
    {
        var booking = Offered();

        booking.AcceptOffer(Now.AddHours(2));

        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(42, booking.StallId);
        Assert.Null(booking.OfferExpiresAtUtc);
        Assert.Equal(Now.AddHours(2), booking.UpdatedAtUtc);
    }

    [Fact]
    public void An_expired_offer_cannot_be_accepted()
    {
        var booking = Offered();

        Assert.Throws<InvalidOperationException>(() => booking.AcceptOffer(Now.AddHours(25)));
        Assert.Equal(BookingStatus.Offered, booking.Status);
    }

    [Fact]
    public void A_declined_offer_is_cancelled_and_releases_its_stall()
    {
        var booking = Offered();

        booking.DeclineOffer(Now.AddHours(1));

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Null(booking.StallId);
        Assert.Null(booking.OfferExpiresAtUtc);
        Assert.Equal(Now.AddHours(1), booking.CancelledAtUtc);
    }

    [Fact]
    public void An_offer_expires_only_once_its_time_is_up()
    {
        var booking = Offered();

        Assert.Throws<InvalidOperationException>(() => booking.ExpireOffer(Now.AddHours(23)));
        booking.ExpireOffer(Now.AddHours(24));

        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.False(booking.HoldsStall);
    }

    [Fact]
    public void Only_a_waitlisted_booking_can_be_offered()
    {
        var confirmed = Booking.Confirm(7, 100, 42, Fee, Now);

        Assert.Throws<InvalidOperationException>(() => confirmed.Offer(43, Fee, Now.AddHours(1), Now));
        Assert.Throws<InvalidOperationException>(() => confirmed.DeclineOffer(Now));
        Assert.Throws<InvalidOperationException>(() => confirmed.ExpireOffer(Now));
    }

    [Fact]
    public void An_offer_must_expire_after_it_is_made()
    {
        var booking = Booking.Waitlist(7, 100, 1, Now);

        Assert.Throws<ArgumentException>(() => booking.Offer(42, Fee, Now, Now));
    }

    [Fact]
    public void The_next_offer_goes_to_the_lowest_position_still_waiting()
    {
        WaitlistEntry[] entries = [new(11, 4, Nobody), new(12, 2, Nobody), new(13, 7, Nobody)];

        var next = Waitlist.NextInLine(entries, StallQuotas.None, Floor(Stalls(1)));

        Assert.Equal(12, next!.BookingId);
    }

    [Fact]
    public void A_freed_reserved_stall_is_offered_to_the_first_eligible_producer_in_line()
    {
        // 2 stalls, half reserved for women, one held by a man's cooperative: the free one is reserved.
        var quotas = new StallQuotas(WomenReserved: 1, LocalReserved: 0);
        WaitlistEntry[] entries = [new(11, 1, Nobody), new(12, 2, Women), new(13, 3, Women)];

        var next = Waitlist.NextInLine(entries, quotas, Floor(Stalls(2), (1, Nobody)));

        Assert.Equal(12, next!.BookingId);
    }

    [Fact]
    public void Nobody_is_offered_a_stall_the_quotas_keep_for_others()
    {
        var quotas = new StallQuotas(WomenReserved: 1, LocalReserved: 0);

        var next = Waitlist.NextInLine([new WaitlistEntry(11, 1, Nobody)], quotas, Floor(Stalls(2), (1, Nobody)));

        Assert.Null(next);
    }

    [Fact]
    public void Positions_follow_the_highest_one_given()
    {
        Assert.Equal(1, Waitlist.NextPosition(null));
        Assert.Equal(8, Waitlist.NextPosition(7));
    }

    [Fact]
    public void An_offer_holds_for_the_series_hold_time_but_never_past_the_days_start()
    {
        var day = Day();
        var series = Series();

        Assert.Equal(Now.AddHours(24), Waitlist.OfferExpiry(day, series, Now));
        Assert.Equal(day.StartsAtUtc, Waitlist.OfferExpiry(day, series, day.StartsAtUtc.AddHours(-3)));
        Assert.Null(Waitlist.OfferExpiry(day, series, day.StartsAtUtc));
        Assert.Null(Waitlist.OfferExpiry(Day(FairDayStatus.Cancelled), series, Now));
    }

    [Fact]
    public void A_booking_can_be_cancelled_until_the_series_deadline_before_the_start()
    {
        var day = Day();

        Assert.Equal(day.StartsAtUtc.AddHours(-24), Booking.CancellableUntil(day, Series()));
    }

    [Fact]
    public void A_lottery_request_holds_no_stall_until_it_wins_or_loses_the_draw()
    {
        var winner = Booking.Request(7, 100, Fee, Now);
        var loser = Booking.Request(7, 101, Fee, Now);
        Assert.Equal(BookingStatus.Requested, winner.Status);
        Assert.False(winner.HoldsStall);

        winner.WinDraw(42, new BookingFee(25m, true), Now.AddDays(1));
        loser.LoseDraw(1, Now.AddDays(1));

        Assert.Equal(BookingStatus.Confirmed, winner.Status);
        Assert.Equal(42, winner.StallId);
        Assert.Equal(25m, winner.FeeAmount);
        Assert.True(winner.IsFeeWaived);
        Assert.Equal(BookingStatus.Waitlisted, loser.Status);
        Assert.Equal(1, loser.WaitlistPosition);
        Assert.Null(loser.StallId);
        Assert.Throws<InvalidOperationException>(() => winner.LoseDraw(2, Now));
    }

    private static Booking Offered()
    {
        var booking = Booking.Waitlist(7, 100, 1, Now);
        booking.Offer(42, Fee, Now.AddHours(24), Now);
        return booking;
    }
}
