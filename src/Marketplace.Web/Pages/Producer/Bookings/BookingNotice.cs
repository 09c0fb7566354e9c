using System.Globalization;
using Marketplace.Domain.Bookings;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Marketplace.Web.Pages.ProducerArea.Bookings;

/// <summary>
/// A message carried across the redirect that follows a booking form's POST (post/redirect/get):
/// a BookingResource key, an optional argument, and whether it reports a problem.
/// </summary>
public sealed record BookingNotice(string Key, string? Argument = null, bool IsProblem = false)
{
    private const string TempDataKey = "BookingNotice";

    /// <summary>The query flag of the redirect after a booking is made: its page tells the outcome.</summary>
    public const string NewBookingFlag = "booked";

    /// <summary>Where a just-made booking is shown, with its outcome (see <see cref="ForNewBooking"/>).</summary>
    public static string NewBookingPath(int bookingId) =>
        string.Create(CultureInfo.InvariantCulture, $"/Producer/Bookings/{bookingId}?{NewBookingFlag}=1");

    /// <summary>
    /// What became of a booking just made, told from the booking as it is now: confirmed on its
    /// stall, requested for the lottery, or waitlisted at its place in line. Nothing once it has
    /// moved on (cancelled, offered a stall), as the page then shows its status alone.
    /// </summary>
    public static BookingNotice? ForNewBooking(BookingLine booking) => booking.Status switch
    {
        BookingStatus.Confirmed => new BookingNotice("Outcome.Confirmed", booking.StallCode ?? ""),
        BookingStatus.Requested => new BookingNotice("Outcome.Requested"),
        BookingStatus.Waitlisted => new BookingNotice("Outcome.Waitlisted",
            booking.WaitlistRank?.ToString(CultureInfo.CurrentCulture) ?? "?"),
        _ => null,
    };

    public void Store(ITempDataDictionary tempData) =>
        tempData[TempDataKey] = string.Join('\n', Key, IsProblem ? "1" : "0", Argument ?? "");

    public static BookingNotice? Take(ITempDataDictionary tempData)
    {
        if (tempData[TempDataKey] is not string stored)
        {
            return null;
        }
        var parts = stored.Split('\n', 3);
        return parts.Length == 3
            ? new BookingNotice(parts[0], parts[2].Length == 0 ? null : parts[2], parts[1] == "1")
            : null;
    }
}
