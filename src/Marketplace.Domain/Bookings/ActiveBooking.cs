namespace Marketplace.Domain.Bookings;

/// <summary>The bookings whose producers count on the fair day taking place as announced.</summary>
public static class ActiveBooking
{
    /// <summary>Every status but cancelled and no-show: requests and waiting places are told of changes too.</summary>
    public static readonly IReadOnlyList<BookingStatus> Statuses =
        [BookingStatus.Requested, BookingStatus.Waitlisted, BookingStatus.Offered, BookingStatus.Confirmed, BookingStatus.CheckedIn];
}
