namespace Marketplace.Domain.Bookings;

public enum BookingStatus
{
    /// <summary>A lottery request, waiting for the draw; holds no stall.</summary>
    Requested,
    /// <summary>On the fair day's waiting list; holds no stall.</summary>
    Waitlisted,
    /// <summary>A stall offered to a waitlisted producer until the offer expires.</summary>
    Offered,
    Confirmed,
    CheckedIn,
    NoShow,
    Cancelled,
}
